"""Batch-c steps (impute_knn, impute_linear, lincomb) pass the public conformance suite.

``CONFORMANCE_CASES`` is collected by ``test_conformance.py``, which runs every check of
``STEP_CHECKS`` on each case; this module adds direct ``check_step`` runs. The cases impute
columns that do have missing values in the conformance data (``x1``; ``g`` for knn) so the checks
exercise the imputation, and lincomb gets a column that is a linear combination of two others.
"""

from __future__ import annotations

import pytest

from pytidy.recipes import all_numeric_predictors, all_predictors
from pytidy.recipes.steps.impute_knn import step_impute_knn
from pytidy.recipes.steps.impute_linear import step_impute_linear
from pytidy.recipes.steps.lincomb import step_lincomb
from pytidy.testing import StepCase, check_step
from pytidy.testing.step_checks import conformance_data


def _lincomb_data():
    data = conformance_data().dropna(subset=["x1"])
    return data.assign(x3=data["x1"] - 2.0 * data["x2"])


CASES_C = {
    "impute_knn": StepCase(step_impute_knn, selectors=(all_predictors(),), args={"neighbors": 3}),
    "impute_linear": StepCase(step_impute_linear, selectors=("x1",), args={"impute_with": ["x2", "i", "g"]}),
    "lincomb": StepCase(step_lincomb, selectors=(all_numeric_predictors(),), data=_lincomb_data()),
}

CONFORMANCE_CASES = CASES_C


@pytest.mark.parametrize("key", sorted(CASES_C))
def test_check_step_runs_on_batch_c_steps(key):
    check_step(CASES_C[key])


def test_cases_exercise_the_steps():
    knn = CASES_C["impute_knn"].prepped().bake(None)
    assert knn[["x1", "g"]].notna().all().all()
    lin = CASES_C["impute_linear"].prepped()
    assert lin.bake(None)["x1"].notna().all()
    assert CASES_C["lincomb"].prepped().steps[0].removals == ("x3",)
