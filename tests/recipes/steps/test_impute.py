"""step_impute_mean / _median / _mode (R: tests/testthat/test-impute_mean.R etc.)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_nominal_predictors, all_numeric_predictors, recipe
from pytidy.recipes.steps.impute_mean import trimmed_mean


@pytest.fixture
def credit():
    rng = np.random.default_rng(3)
    x = rng.gamma(2.0, 3.0, 60)
    x[[1, 5, 9]] = np.nan
    g = np.array(rng.choice(["owner", "rent", "other"], 60, p=[0.5, 0.3, 0.2]), dtype=object)
    g[[0, 4]] = None
    return pd.DataFrame({"y": rng.normal(size=60), "x": x, "g": g, "k": pd.array(rng.integers(0, 9, 60), dtype="Int64")})


def test_mean_and_trim(credit):
    p = recipe("y ~ .", credit).step_impute_mean("x").prep()
    assert p.tidy(1)["value"].item() == pytest.approx(np.nanmean(credit["x"]))
    out = p.bake(None)
    assert out["x"].isna().sum() == 0 and out.loc[1, "x"] == pytest.approx(np.nanmean(credit["x"]))
    pt = recipe("y ~ .", credit).step_impute_mean("x", trim=0.1).prep()
    vals = np.sort(credit["x"].dropna().to_numpy())
    cut = int(np.floor(len(vals) * 0.1))                      # R: mean(x, trim = .1)
    assert pt.tidy(1)["value"].item() == pytest.approx(vals[cut: len(vals) - cut].mean())
    with pytest.raises(InvalidParameterError, match=r"`trim` in step_impute_mean\(\) must be a number in \[0, 0.5\]"):
        recipe("y ~ .", credit).step_impute_mean("x", trim=0.7)


def test_trimmed_mean_matches_r():
    x = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    assert trimmed_mean(x, 0.2) == 3.0                      # R: mean(c(1,2,3,4,100), trim = .2)
    assert trimmed_mean(x, 0.5) == 3.0                      # R: the median
    assert np.isnan(trimmed_mean(np.array([np.nan])))


def test_median_and_integer_rounding(credit):
    k = credit["k"].copy()
    k[[2, 3]] = pd.NA
    df = credit.assign(k=k)
    p = recipe("y ~ .", df).step_impute_median("x", "k").prep()
    t = p.tidy(1).set_index("terms")["value"]
    assert t["x"] == pytest.approx(np.nanmedian(df["x"].astype(float)))
    assert t["k"] == float(np.round(df["k"].astype(float).median()))
    out = p.bake(None)
    assert str(out["k"].dtype) == "Int64" and out["k"].isna().sum() == 0
    m = recipe("y ~ .", df).step_impute_mean("k").prep()
    assert float(m.tidy(1)["value"].item()).is_integer()


def test_mode(credit):
    p = recipe("y ~ .", credit).step_impute_mode(all_nominal_predictors()).prep()
    assert p.tidy(1)["value"].item() == credit["g"].value_counts().idxmax()
    out = p.bake(None)
    assert out["g"].isna().sum() == 0 and out.loc[0, "g"] == credit["g"].value_counts().idxmax()
    assert isinstance(out["g"].dtype, pd.CategoricalDtype)
    new = p.bake(pd.DataFrame({"x": [1.0], "g": [None], "k": pd.array([1], dtype="Int64")}))
    assert new["g"].tolist() == [credit["g"].value_counts().idxmax()]


def test_mode_ties_go_to_first_level():
    df = pd.DataFrame({"y": [1.0] * 5, "g": pd.Categorical(["b", "a", "b", "a", None], categories=["b", "a"])})
    assert recipe("y ~ .", df).step_impute_mode("g").prep().tidy(1)["value"].item() == "b"


def test_type_errors(credit):
    with pytest.raises(InvalidParameterError, match=r"step_impute_mean\(\): all selected columns must be double or integer"):
        recipe("y ~ .", credit).step_impute_mean("g").prep()
    with pytest.raises(InvalidParameterError, match=r"step_impute_mode\(\): all selected columns must be factor"):
        recipe("y ~ .", credit).step_impute_mode("x").prep()
    with pytest.raises(InvalidParameterError, match=r"step_impute_median\(\): all selected columns must be double"):
        recipe("y ~ .", credit).step_impute_median(all_nominal_predictors()).prep()
    assert recipe("y ~ .", credit).step_impute_mean(all_numeric_predictors()).prep().steps[0].columns == ("x", "k")
