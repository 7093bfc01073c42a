"""register_step: the one registration mechanism; tunable() and finalize() through a custom step."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd
import pytest
from attrs import evolve

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.recipes import Recipe, Step, recipe, register_step, registered_steps, unregister_step
from pytidy.recipes.steps._base import check_new_data, check_trained, select_columns, step_class, tidy_frame, untrained_terms
from pytidy.testing import StepCase, check_step


@step_class
class StepAddK(Step):
    name: ClassVar[str] = "step_add_k"
    description: ClassVar[str] = "Adding k to"
    k: object = 1.0

    def prep(self, training, info):
        return evolve(self, trained=True, columns=select_columns(self, info))

    def bake(self, new_data):
        check_trained(self)
        check_new_data(self.columns, new_data, self)   # the conformance suite asks for a named error
        return new_data.assign(**{c: new_data[c] + self.k for c in self.columns})

    def tidy(self):
        terms = list(self.columns) if self.trained else untrained_terms(self)
        return tidy_frame(self, terms=terms, value=[self.k] * len(terms))

    def tunable(self):
        return {"k": lambda: {"param": "k", "range": (0, 10)}}


def step_add_k(recipe, *selectors, k=1.0, skip=False, id=None):
    """Add ``k`` to the selected columns (a third-party step for the tests)."""
    return recipe.add_step(StepAddK(terms=selectors, k=k, skip=skip, id=id))


@pytest.fixture
def registered():
    register_step(step_add_k)
    yield step_add_k
    unregister_step("step_add_k")


def test_third_party_step_chains_and_is_free_function(registered):
    df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 2.0]})
    rec = recipe("y ~ .", df).step_add_k("x", k=2.0)
    assert isinstance(rec, Recipe) and rec.steps[0].id == "add_k_1"
    assert rec.prep().bake(None)["x"].tolist() == [3.0, 4.0]
    assert step_add_k(recipe("y ~ .", df), "x").steps[0].k == 1.0
    assert "step_add_k" in registered_steps() and hasattr(Recipe, "step_add_k")


def test_third_party_step_passes_conformance(registered):
    check_step(StepCase(step_add_k, selectors=(tm.all_numeric_predictors(),)))


def test_unregister_removes_method(registered):
    unregister_step("step_add_k")
    assert not hasattr(Recipe, "step_add_k")
    register_step(step_add_k)


def test_tunable_and_finalize(registered):
    df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 2.0]})
    rec = recipe("y ~ .", df).step_add_k("x", k=tm.tune()).step_add_k("x", k=tm.tune("shift"))
    rows = rec.tunable()
    assert [(r["name"], r["id"], r["source"], r["component"], r["component_id"]) for r in rows] == [
        ("k", "k", "recipe", "step_add_k", "add_k_1"), ("k", "shift", "recipe", "step_add_k", "add_k_2")]
    assert rows[0]["object"] == {"param": "k", "range": (0, 10)}
    with pytest.raises(InvalidParameterError, match="You cannot prep\\(\\) a tunable recipe"):
        rec.prep()
    half = rec.finalize({"k": 5.0})
    assert half.steps[0].k == 5.0 and tm.is_tune(half.steps[1].k)
    done = half.finalize({"shift": 1.0})
    assert done.prep().bake(None)["x"].tolist() == [7.0, 8.0]


def test_registration_errors(registered):
    def other(recipe):
        return recipe

    with pytest.raises(InvalidParameterError, match="must start with 'step_'; got 'other'"):
        register_step(other)
    with pytest.raises(InvalidParameterError, match="'step_add_k' is already registered"):
        register_step(other, name="step_add_k")
    register_step(other, name="step_add_k", replace=True)
    assert registered_steps()["step_add_k"] is other
    register_step(step_add_k, replace=True)
    with pytest.raises(InvalidParameterError, match="no step is registered as 'step_zzz'"):
        unregister_step("step_zzz")


def test_decorator_with_arguments():
    @register_step(name="step_identity_test")
    def anything(recipe, *selectors):
        return recipe

    try:
        df = pd.DataFrame({"y": [1.0]})
        rec = recipe("y ~ .", df)
        assert rec.step_identity_test() is rec
    finally:
        unregister_step("step_identity_test")
