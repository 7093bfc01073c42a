"""step_nzv (R: tests/testthat/test-nzv.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import all_predictors, recipe, step_nzv
from pytidy.recipes.steps.nzv import nzv_columns
from pytidy.testing import StepCase, conformance_data

_NZV_DATA = conformance_data().assign(k=[0.0] * 23 + [1.0])   # 23:1 frequency ratio, 2 distinct values
CONFORMANCE_CASES = {"nzv": StepCase(step_nzv, selectors=(all_predictors(),), data=_NZV_DATA)}


@pytest.fixture
def dat():
    # the shape of R's test data: x1 continuous, x2 five values, x3 one rare value,
    # x4 constant, x5 two rare values out of 50
    n = 50
    return pd.DataFrame({
        "y": np.linspace(0, 1, n),
        "x1": np.linspace(-2, 2, n) ** 3,
        "x2": np.repeat(np.arange(1, 6), 10),
        "x3": [0] * (n - 1) + [1],
        "x4": [1] * n,
        "x5": pd.Categorical(["a"] * (n - 2) + ["b", "c"]),
    })


def test_removes_sparse_unbalanced_columns(dat):
    p = recipe("y ~ .", dat).step_nzv(all_predictors()).prep()
    # x3: ratio 49 > 19 and 2 / 50 = 4% unique; x4: one value; x5: 48 / 1 > 19, 6% unique
    assert p.tidy(1)["terms"].tolist() == ["x3", "x4", "x5"]
    assert p.bake(None).columns.tolist() == ["x1", "x2", "y"]
    assert repr(p.steps[0]) == "Sparse, unbalanced variable filter removed: x3, x4, x5 [trained]"


def test_cutoffs(dat):
    assert nzv_columns(dat, ["x3", "x5"], freq_cut=50) == []          # 49 and 48 are not > 50
    assert nzv_columns(dat, ["x5"], unique_cut=5) == []               # 6% unique > 5
    assert nzv_columns(dat, ["x2"], freq_cut=0.5, unique_cut=10) == ["x2"]  # ratio 1 > 0.5, 10% unique
    # missing values count in the denominator of the percentage but not as a value (R)
    assert nzv_columns(pd.DataFrame({"a": [np.nan] * 10}), ["a"]) == ["a"]


def test_tunable_and_errors(dat):
    rows = recipe("y ~ .", dat).step_nzv(all_predictors(), freq_cut=tune(), unique_cut=tune()).tunable()
    assert [r["name"] for r in rows] == ["freq_cut", "unique_cut"]
    with pytest.raises(InvalidParameterError, match="unique_cut"):
        recipe("y ~ .", dat).step_nzv(all_predictors(), unique_cut=200)
    with pytest.raises(InvalidParameterError, match="freq_cut"):
        recipe("y ~ .", dat).step_nzv(all_predictors(), freq_cut="x")
