"""Recipes with a case-weights column (R: recipes' case_weights role and weighted unsupervised steps)."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    n = 30
    df = pd.DataFrame({"a": rng.normal(5, 2, n), "b": rng.gamma(2.0, 3.0, n), "y": rng.normal(size=n)})
    df.loc[[2, 7], "a"] = np.nan
    freq = rng.integers(0, 5, n)
    return df, freq


def _cov_wt_sd(x, w):
    """R's stats::cov.wt (method 'unbiased') standard deviation, written from its documented formula."""
    ok = ~np.isnan(x)
    x, w = x[ok], w[ok]
    v = w / w.sum()
    m = np.sum(v * x)
    return np.sqrt(np.sum(v * (x - m) ** 2) / (1 - np.sum(v ** 2)))


def test_case_weights_column_gets_its_role_and_is_never_a_predictor(data):
    df, freq = data
    df = df.assign(w=tm.importance_weights(freq + 0.5))
    rec = tm.recipe("y ~ .", df)
    info = rec.var_info.set_index("variable")["role"]
    assert info["w"] == "case_weights" and rec.predictors == ["a", "b"]
    rec2 = tm.recipe(df)  # no formula: undeclared roles, but weights are still tagged (R)
    assert rec2.var_info.set_index("variable").loc["w", "role"] == "case_weights"
    prepped = rec.step_normalize(tm.all_numeric_predictors()).prep()
    assert prepped.predictors == ["a", "b"]
    baked = prepped.bake(None)
    assert tm.is_importance_weights(baked["w"])        # passed through bake untouched
    assert prepped.bake(df.drop(columns=["w", "y"])).columns.tolist() == ["a", "b"]   # not needed at bake


def test_only_one_case_weights_column(data):
    df, freq = data
    df = df.assign(w=tm.frequency_weights(freq), v=tm.importance_weights(freq * 1.0))
    with pytest.raises(InvalidParameterError, match="only be a single column with the role `case_weights`"):
        tm.recipe("y ~ .", df)


def test_frequency_weights_are_used_by_center_scale_normalize_and_impute_mean(data):
    df, freq = data
    w = freq.astype(float)
    dfw = df.assign(w=tm.frequency_weights(freq))
    a, b = df["a"].to_numpy(), df["b"].to_numpy()
    ok = ~np.isnan(a)
    mean_a = np.sum(w[ok] * a[ok]) / w[ok].sum()   # numpy's weighted mean over present values
    assert np.isclose(mean_a, np.average(a[ok], weights=w[ok]))
    norm = tm.recipe("y ~ .", dfw).step_normalize("a", "b").prep()
    assert norm.steps[0].means["a"] == pytest.approx(mean_a)
    assert norm.steps[0].means["b"] == pytest.approx(np.average(b, weights=w))
    assert norm.steps[0].sds["a"] == pytest.approx(_cov_wt_sd(a, w))
    assert norm.steps[0].sds["b"] == pytest.approx(_cov_wt_sd(b, w))
    center = tm.recipe("y ~ .", dfw).step_center("b").prep()
    assert center.steps[0].means["b"] == pytest.approx(np.average(b, weights=w))
    scale = tm.recipe("y ~ .", dfw).step_scale("b").prep()
    assert scale.steps[0].sds["b"] == pytest.approx(_cov_wt_sd(b, w))
    imp = tm.recipe("y ~ .", dfw).step_impute_mean("a").prep()
    assert imp.steps[0].means["a"] == pytest.approx(mean_a)
    assert imp.bake(None)["a"].iloc[2] == pytest.approx(mean_a)


def test_importance_weights_are_ignored_by_unsupervised_steps(data):
    df, freq = data
    dfi = df.assign(w=tm.importance_weights(freq + 0.5))
    plain = tm.recipe("y ~ .", df).step_normalize("a", "b").step_impute_mean("a").prep()
    weighted = tm.recipe("y ~ .", dfi).step_normalize("a", "b").step_impute_mean("a").prep()
    assert weighted.steps[0].means == plain.steps[0].means
    assert weighted.steps[0].sds == plain.steps[0].sds
    assert weighted.steps[1].means == plain.steps[1].means
    assert plain.steps[0].means["b"] == pytest.approx(df["b"].mean())


def test_impute_mean_trim_with_frequency_weights_is_not_implemented(data):
    df, freq = data
    rec = tm.recipe("y ~ .", df.assign(w=tm.frequency_weights(freq))).step_impute_mean("a", trim=0.1)
    with pytest.raises(NotImplementedError, match="trim="):
        rec.prep()


def test_case_weights_have_their_own_type_so_all_numeric_skips_them(data):
    df, freq = data
    dfw = df.assign(w=tm.frequency_weights(freq))
    rec = tm.recipe("y ~ .", dfw)
    assert rec.var_info.set_index("variable").loc["w", "type"] == ("case_weights",)   # R's data type
    prepped = rec.step_center(tm.all_numeric()).prep()
    assert "w" not in prepped.steps[0].means
    assert tm.is_frequency_weights(prepped.bake(None)["w"])
