"""Every check of the step conformance suite fails on a step broken in the way it guards against.

``StepFaulty`` is a correct centring step (``StepGood`` behaviour) unless its ``fault`` names one
deliberate bug; each check is run on the correct step (it passes) and on the broken one (it fails).
"""

from __future__ import annotations

import pickle
import unittest
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from attrs import evolve

from pytidy.recipes import all_numeric_predictors, register_step, unregister_step
from pytidy.recipes.steps._base import (Step, StepTags, check_new_data, check_trained, select_columns, step_class,
                                        tidy_frame, untrained_terms)
from pytidy.testing import STEP_CHECKS, StepCase
from pytidy.testing import step_checks as sc


@step_class
class StepFaulty(Step):
    name: ClassVar[str] = "step_faulty"
    description: ClassVar[str] = "Centering (maybe faulty) for"

    fault: str = ""
    means: dict[str, float] | None = None

    def prep(self, training, info):
        cols = select_columns(self, info)
        means = {c: float(training[c].mean()) for c in cols}
        if self.fault == "random_prep":
            means = {c: m + np.random.default_rng().normal() for c, m in means.items()}
        return evolve(self, trained=self.fault != "untrained_copy", columns=cols, means=means)

    def bake(self, new_data):
        if self.fault != "no_check_trained":
            check_trained(self)
        if self.fault != "no_check_new_data":
            check_new_data(list(self.columns), new_data, self)
        out = new_data if self.fault == "mutates_input" else new_data.copy()
        if self.fault == "does_nothing":
            return out
        for c in self.columns or ():
            centre = new_data[c].mean() if self.fault == "new_data_means" else self.means[c]
            out[c] = new_data[c] - centre
        if self.fault == "noisy_bake":
            out[self.columns[0]] = out[self.columns[0]] + np.random.default_rng().normal(size=len(out))
        if self.fault == "always_adds_column":
            out["extra"] = 1.0
        if self.fault == "sorts_rows":
            out = out.sort_values(out.columns[0])
        return out

    def tidy(self):
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        frame = tidy_frame(self, terms=pd.Series(terms, dtype=object))
        return frame.drop(columns="id") if self.fault == "tidy_without_id" else frame

    def __repr__(self):
        text = super().__repr__()
        return text + "\nsecond line" if self.fault == "two_line_repr" else text

    def __reduce__(self):
        if self.fault == "unpicklable":
            raise pickle.PicklingError("cannot pickle")
        return super().__reduce__()


@step_class
class StepMisnamed(StepFaulty):
    name: ClassVar[str] = "step_other_name"


@step_class
class StepSkipTagged(StepFaulty):
    tags: ClassVar[StepTags] = StepTags(skip_by_default=True)


def step_faulty(recipe, *selectors, fault="", skip=False, id=None):
    if fault == "misnamed":
        return recipe.add_step(StepMisnamed(terms=selectors, skip=skip, id=id))
    if fault == "skip_tag_disagrees":
        return recipe.add_step(StepSkipTagged(terms=selectors, skip=skip, id=id))
    if fault == "ignores_skip":
        skip = False
    return recipe.add_step(StepFaulty(terms=selectors, fault=fault, skip=skip, id=id))


def step_not_registered(recipe, *selectors, skip=False, id=None):
    return recipe.add_step(StepFaulty(terms=selectors, skip=skip, id=id))


@pytest.fixture(autouse=True)
def registered():
    register_step(step_faulty)
    yield
    unregister_step("step_faulty")


def _case(fault=""):
    return StepCase(step_faulty, selectors=(all_numeric_predictors(),), args={"fault": fault})


BREAKS = {
    sc.check_registered: None,  # uses step_not_registered below
    sc.check_step_declares_itself: "misnamed",
    sc.check_prep_returns_trained_copy: "untrained_copy",
    sc.check_prep_leaves_training_unchanged: "mutates_input",
    sc.check_bake_before_prep_raises: "no_check_trained",
    sc.check_empty_selection_is_noop: "always_adds_column",
    sc.check_bake_zero_and_one_row: "new_data_means",
    sc.check_bake_keeps_rows: "sorts_rows",
    sc.check_bake_equals_juice: "noisy_bake",
    sc.check_missing_column_named: "no_check_new_data",
    sc.check_step_acts_on_case_data: "does_nothing",
    sc.check_skip_default_matches_tags: "skip_tag_disagrees",
    sc.check_tidy_before_and_after: "tidy_without_id",
    sc.check_repr_and_pickle: "two_line_repr",
    sc.check_skip: "ignores_skip",
    sc.check_same_result_twice: "random_prep",
}


def test_every_check_has_a_breaking_step():
    assert set(BREAKS) == set(STEP_CHECKS)


@pytest.mark.parametrize("check", STEP_CHECKS, ids=lambda c: c.__name__)
def test_the_correct_step_passes(check):
    check(_case())


@pytest.mark.parametrize("check", STEP_CHECKS, ids=lambda c: c.__name__)
def test_the_check_fails_on_its_broken_step(check):
    case = (StepCase(step_not_registered, selectors=(all_numeric_predictors(),)) if check is sc.check_registered
            else _case(BREAKS[check]))
    with pytest.raises(AssertionError):
        check(case)


def test_pickling_fault_is_caught_too():
    with pytest.raises((AssertionError, pickle.PicklingError)):
        sc.check_repr_and_pickle(_case("unpicklable"))


def test_inapplicable_checks_skip_with_a_reason():
    from pytidy.recipes import step_sample, step_zv

    with pytest.raises(unittest.SkipTest, match="step_sample: tagged changes_rows"):
        sc.check_bake_keeps_rows(StepCase(step_sample, args={"size": 0.5, "seed": 1}))
    with pytest.raises(unittest.SkipTest, match="step_zv: tagged reads_columns_at_bake=False"):
        sc.check_missing_column_named(StepCase(step_zv, selectors=(all_numeric_predictors(),)))


def test_a_case_without_selected_columns_fails_rather_than_passing_silently():
    with pytest.raises(AssertionError, match="selects no predictor column"):
        sc.check_missing_column_named(StepCase(step_faulty, selectors=("y",)))   # y is the outcome
