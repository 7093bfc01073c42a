"""step_corr (R: tests/testthat/test-corr.R; caret::findCorrelation(exact = FALSE))."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.hardhat import tune
from pytidy.recipes import all_numeric_predictors, all_predictors, recipe, step_corr
from pytidy.recipes.steps.corr import corr_filter
from pytidy.testing import StepCase, conformance_data

_CORR_DATA = conformance_data().assign(x3=lambda d: 2 * d["x2"] + 0.01 * np.arange(len(d)))   # x3 ~ x2
CONFORMANCE_CASES = {"corr": StepCase(step_corr, selectors=(all_numeric_predictors(),), args={"threshold": 0.5},
                                      data=_CORR_DATA)}


def _frame_with_corr(mat: np.ndarray, n: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, mat.shape[0]))
    z = (z - z.mean(0)) @ np.linalg.inv(np.linalg.cholesky(np.cov(z.T)).T)   # exactly uncorrelated
    x = z @ np.linalg.cholesky(mat).T
    return pd.DataFrame(x, columns=[f"V{i}" for i in range(1, mat.shape[0] + 1)])


def test_find_correlation_algorithm():
    # V1~V2 0.95, V2~V3 0.92, V1~V3 0.88: mean |r| of V2 is the largest, and both pairs above 0.9
    # involve V2, so caret removes V2 only.
    mat = np.array([[1, 0.95, 0.88, 0.1], [0.95, 1, 0.92, 0.1], [0.88, 0.92, 1, 0.1], [0.1, 0.1, 0.1, 1]])
    df = _frame_with_corr(mat)
    np.testing.assert_allclose(df.corr().to_numpy(), mat, atol=1e-10)
    assert corr_filter(df, 0.9) == ["V2"]
    # threshold 0.85: pairs (1,2), (1,3), (2,3) in column-major order; (1,2) drops V2 (larger mean),
    # (1,3): V1 mean 0.7325 < V3 mean 0.725? -> the larger mean goes; (2,3): V2
    means = np.abs(mat).mean(0)
    expected = ["V2", "V1" if means[0] > means[2] else "V3"]
    assert corr_filter(df, 0.85) == expected


def test_step_removes_and_tidies():
    mat = np.array([[1, 0.95, 0.2], [0.95, 1, 0.2], [0.2, 0.2, 1]])
    df = _frame_with_corr(mat).assign(y=np.arange(400.0))
    # V1 and V2 tie in mean |r|: R's rank comparison is not ">" so the row member (V1) goes
    p = recipe("y ~ .", df).step_corr(all_predictors()).prep()
    assert p.tidy(1)["terms"].tolist() == ["V1"]
    assert p.bake(None).columns.tolist() == ["V2", "V3", "y"]
    assert recipe("y ~ .", df).step_corr(all_predictors(), threshold=0.99).prep().tidy(1).empty


def test_constant_column_excluded_with_warning():
    df = pd.DataFrame({"y": np.arange(5.0), "a": [1.0, 2, 3, 4, 5], "b": [2.0, 4, 6, 8, 10.5],
                       "c": [5.0, 3, 4, 1, 2], "k": [1.0] * 5})
    with pytest.warns(PytidyWarning, match="excluded from the filter"):
        p = recipe("y ~ .", df).step_corr(all_predictors()).prep()
    assert "k" not in p.tidy(1)["terms"].tolist()


def test_tunable_and_errors():
    df = pd.DataFrame({"y": [1.0, 2.0], "a": [1.0, 2.0]})
    assert [r["name"] for r in recipe("y ~ .", df).step_corr("a", threshold=tune()).tunable()] == ["threshold"]
    with pytest.raises(InvalidParameterError, match="threshold"):
        recipe("y ~ .", df).step_corr("a", threshold=2)
    with pytest.raises(InvalidParameterError, match="method"):
        recipe("y ~ .", df).step_corr("a", method="cosine")
    with pytest.raises(InvalidParameterError, match="use"):
        recipe("y ~ .", df).step_corr("a", use="pairwise")
