"""step_poly (R: tests/testthat/test-poly.R, stats::poly)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import recipe
from pytidy.recipes.steps.poly import names0, step_poly  # noqa: F401

EX = pd.DataFrame({"y": [0.0, 1.0, 0.0, 1.0, 2.0], "x": [1.0, 2.0, 3.0, 4.0, 5.0]})


def test_poly_as_r():
    # R: poly(1:5, 2) = cbind((-2:2) / sqrt(10), c(2, -1, -2, -1, 2) / sqrt(14))
    out = recipe("y ~ .", EX).step_poly("x").prep().bake(None)
    assert list(out.columns) == ["y", "x_poly_1", "x_poly_2"]
    np.testing.assert_allclose(out["x_poly_1"], np.arange(-2, 3) / np.sqrt(10))
    np.testing.assert_allclose(out["x_poly_2"], np.array([2, -1, -2, -1, 2]) / np.sqrt(14))


def test_predict_uses_training_basis():
    # R: predict(poly(1:5, 2), 6) = c(3 / sqrt(10), 7 / sqrt(14)): the recurrence continues the basis
    prepped = recipe("y ~ .", EX).step_poly("x").prep()
    out = prepped.bake(pd.DataFrame({"x": [6.0, np.nan]}))
    np.testing.assert_allclose(out.iloc[0], [3 / np.sqrt(10), 7 / np.sqrt(14)])
    assert out.iloc[1].isna().all()


def test_degree_three_is_orthonormal_and_raw_option():
    x = np.random.default_rng(1).normal(size=50)
    df = pd.DataFrame({"x": x})
    out = recipe("~ .", df).step_poly("x", degree=3).prep().bake(None).to_numpy()
    np.testing.assert_allclose(out.T @ out, np.eye(3), atol=1e-10)
    np.testing.assert_allclose(out.sum(axis=0), 0, atol=1e-10)
    raw = recipe("~ .", df).step_poly("x", degree=2, options={"raw": True}, keep_original_cols=True).prep()
    got = raw.bake(None)
    assert list(got.columns) == ["x", "x_poly_1", "x_poly_2"]
    np.testing.assert_allclose(got["x_poly_2"], x**2)


def test_tidy_and_tunable():
    rec = recipe("y ~ .", EX).step_poly("x", degree=tune())
    assert rec.tidy(1).columns.tolist() == ["terms", "degree", "id"]
    assert set(rec.steps[0].tunable()) == {"degree"}
    assert recipe("y ~ .", EX).step_poly("x").prep().tidy(1)["degree"].tolist() == [2]


def test_errors():
    rec = recipe("y ~ .", EX)
    with pytest.raises(InvalidParameterError, match="`degree` in step_poly"):
        rec.step_poly("x", degree=0)
    with pytest.raises(InvalidParameterError, match="unknown `options`"):
        rec.step_poly("x", options={"degree": 3})
    with pytest.raises(InvalidParameterError, match="must be less than the number of unique points"):
        rec.step_poly("x", degree=5).prep()
    with pytest.raises(InvalidParameterError, match="has missing values, which poly"):
        recipe("~ .", pd.DataFrame({"x": [1.0, np.nan, 3.0, 4.0]})).step_poly("x").prep()
    with pytest.raises(InvalidParameterError, match="name collision"):
        recipe("~ .", EX.assign(x_poly_1=1.0)).step_poly("x").prep()


def test_names0():
    assert names0(3, "x") == ["x1", "x2", "x3"]
    assert names0(12)[0] == "x01"  # R: names0(num, prefix = "x")
    assert names0(12, "")[0] == "01" and names0(0) == []
