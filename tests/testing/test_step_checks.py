"""The conformance suite catches broken steps (so its checks can fail)."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd
import pytest
from attrs import evolve

from pytidy.recipes import all_numeric_predictors, register_step, unregister_step
from pytidy.recipes.steps._base import Step, select_columns, step_class, tidy_frame, untrained_terms
from pytidy.testing import STEP_CHECKS, StepCase, check_step, conformance_data
from pytidy.testing import step_checks as sc


@step_class
class StepBroken(Step):
    """Mutates its input, ignores check_trained, forgets `columns`, reorders rows."""

    name: ClassVar[str] = "step_broken"
    description: ClassVar[str] = "Breaking"

    def prep(self, training, info):
        return evolve(self, trained=True, columns=select_columns(self, info))

    def bake(self, new_data):
        for c in self.columns or ():
            new_data[c] = new_data[c] * 2          # modifies the caller's frame
        return new_data.sort_index()

    def tidy(self):
        return tidy_frame(self, terms=untrained_terms(self))


def step_broken(recipe, *selectors, skip=False, id=None):
    return recipe.add_step(StepBroken(terms=selectors, skip=skip, id=id))


@pytest.fixture
def broken_case():
    register_step(step_broken)
    yield StepCase(step_broken, selectors=(all_numeric_predictors(),))
    unregister_step("step_broken")


@pytest.mark.parametrize(
    "check",
    [sc.check_bake_before_prep_raises, sc.check_prep_leaves_training_unchanged, sc.check_bake_keeps_rows],
    ids=lambda c: c.__name__,
)
def test_broken_step_fails(broken_case, check):
    with pytest.raises(AssertionError):
        check(broken_case)


def test_check_step_reports_first_failure(broken_case):
    with pytest.raises(AssertionError, match="step_broken: step.bake\\(\\) modified the frame it was given"):
        check_step(broken_case)


def test_unregistered_step_fails():
    with pytest.raises(AssertionError, match="step_broken: is not registered"):
        sc.check_registered(StepCase(step_broken, selectors=(all_numeric_predictors(),)))


def test_suite_and_data():
    assert len(STEP_CHECKS) >= 12 and all(callable(c) for c in STEP_CHECKS)
    df = conformance_data()
    assert df["x1"].isna().sum() == 2 and df["g"].isna().sum() == 1
    assert not isinstance(df.index, pd.RangeIndex) or df.index.start == 100
