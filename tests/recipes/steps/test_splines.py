"""step_ns and step_bs (R: tests/testthat/test-ns.R, test-bs.R, splines::ns / splines::bs)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.hardhat import tune
from pytidy.recipes import recipe
from pytidy.recipes.steps.bs import bs_basis, spline_design, spline_knots, step_bs  # noqa: F401
from pytidy.recipes.steps.ns import step_ns  # noqa: F401

DF = pd.DataFrame({"y": np.arange(10.0), "x": np.arange(1.0, 11.0)})


def test_ns_as_r():
    # R: ns(1:10, df = 3)[10, ] = c(-1/7, 3/7, 5/7); knots at quantile(1:10, c(1, 2) / 3) = 4, 7
    prepped = recipe("y ~ .", DF).step_ns("x", deg_free=3).prep()
    out = prepped.bake(None)
    assert list(out.columns) == ["y", "x_ns_1", "x_ns_2", "x_ns_3"]
    np.testing.assert_allclose(out.iloc[-1, 1:], [-1 / 7, 3 / 7, 5 / 7], atol=1e-7)
    np.testing.assert_allclose(out.iloc[0, 1:], 0.0, atol=1e-12)
    assert prepped.steps[0].objects["x"] == ((4.0, 7.0), (1.0, 10.0))


def test_ns_is_natural_linear_outside():
    prepped = recipe("y ~ .", DF).step_ns("x").prep()
    xs = np.array([-3.0, -2.0, -1.0, 12.0, 13.0, 14.0, np.nan])
    out = prepped.bake(pd.DataFrame({"x": xs})).to_numpy()
    np.testing.assert_allclose(np.diff(out[:3], 2, axis=0), 0, atol=1e-10)
    np.testing.assert_allclose(np.diff(out[3:6], 2, axis=0), 0, atol=1e-10)
    assert np.isnan(out[6]).all()
    # continuity at the boundary knots
    near = prepped.bake(pd.DataFrame({"x": [1 - 1e-7, 1.0, 10.0, 10 + 1e-7]})).to_numpy()
    np.testing.assert_allclose(near[0], near[1], atol=1e-6)
    np.testing.assert_allclose(near[2], near[3], atol=1e-6)


def test_bs_as_r():
    # R: bs(x) without interior knots is the cubic Bernstein basis on range(x)
    df = pd.DataFrame({"y": np.arange(5.0), "x": [0.0, 0.25, 0.5, 0.75, 1.0]})
    out = recipe("y ~ .", df).step_bs("x").prep().bake(None)
    t = df["x"].to_numpy()
    np.testing.assert_allclose(out[["x_bs_1", "x_bs_2", "x_bs_3"]],
                               np.column_stack([3 * t * (1 - t) ** 2, 3 * t**2 * (1 - t), t**3]), atol=1e-12)


def test_bs_deg_free_knots_and_partition_of_unity():
    x = np.random.default_rng(3).uniform(size=40)
    prepped = recipe("~ .", pd.DataFrame({"x": x})).step_bs("x", deg_free=6, keep_original_cols=True).prep()
    knots, boundary = prepped.steps[0].objects["x"]
    np.testing.assert_allclose(knots, np.quantile(x, [1 / 4, 2 / 4, 3 / 4]))
    out = prepped.bake(None)
    assert list(out.columns) == ["x"] + [f"x_bs_{i}" for i in range(1, 7)]
    full = bs_basis(x, knots, boundary, intercept=True)
    np.testing.assert_allclose(full.sum(axis=1), 1.0)


def test_bs_extrapolates_with_warning():
    prepped = recipe("y ~ .", DF).step_bs("x", degree=2).prep()
    with pytest.warns(PytidyWarning, match="beyond the boundary knots"):
        out = prepped.bake(pd.DataFrame({"x": [0.0, 11.0]}))
    assert np.isfinite(out.to_numpy()).all()


def test_spline_design_derivative():
    knots = np.array([0, 0, 0, 1, 1, 1.0])
    d = spline_design(knots, np.array([0.5]), 3, 1)
    np.testing.assert_allclose(d, [[-1.0, 0.0, 1.0]])


def test_tunable_and_tidy():
    rec = recipe("y ~ .", DF).step_ns("x", deg_free=tune()).step_bs("x", deg_free=tune(), degree=tune())
    assert set(rec.steps[0].tunable()) == {"deg_free"}
    assert set(rec.steps[1].tunable()) == {"deg_free", "degree"}
    assert rec.tidy(1).columns.tolist() == ["terms", "id"]


def test_errors():
    rec = recipe("y ~ .", DF)
    with pytest.raises(InvalidParameterError, match="`deg_free` in step_ns"):
        rec.step_ns("x", deg_free=0)
    with pytest.raises(InvalidParameterError, match="`degree` in step_bs"):
        rec.step_bs("x", degree=1.5)
    with pytest.raises(InvalidParameterError, match="not supported"):
        rec.step_ns("x", options={"intercept": True})
    with pytest.raises(InvalidParameterError, match="at least one non-missing"):
        spline_knots(np.array([np.nan]), 2, 1)
