"""Property tests: invariants of prep/bake on random frames (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytidy.recipes import all_nominal_predictors, all_numeric_predictors, all_predictors, recipe


@st.composite
def frames(draw):
    n = draw(st.integers(3, 30))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n) * draw(st.floats(0.1, 100))
    x[rng.random(n) < 0.2] = np.nan
    x[:2] = [0.0, 1.0]                                   # at least two distinct values
    g = rng.choice(["a", "b", "c"], n).astype(object)
    g[rng.random(n) < 0.1] = None
    g[:2] = ["a", "b"]  # after the NaNs: at least two observed levels, as step_dummy needs (R errors)
    index = rng.permutation(np.arange(1000, 1000 + n))
    return pd.DataFrame({"y": rng.normal(size=n), "x": x, "k": rng.integers(0, 4, n), "g": g}, index=index)


def full_recipe(df):
    return (recipe("y ~ .", df)
            .step_impute_mean(all_numeric_predictors())
            .step_impute_mode(all_nominal_predictors())
            .step_normalize(all_numeric_predictors())
            .step_dummy(all_nominal_predictors())
            .step_zv(all_predictors()))


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(frames())
def test_bake_train_equals_juice_and_keeps_rows(df):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = df.copy(deep=True)
        p = full_recipe(df).prep()
        baked = p.bake(df)
    pd.testing.assert_frame_equal(baked, p.bake(None))
    pd.testing.assert_frame_equal(df, original)              # prep/bake never change their input
    assert baked.index.equals(df.index)
    order = np.random.default_rng(0).permutation(len(df))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shuffled = p.bake(df.iloc[order])
    pd.testing.assert_frame_equal(shuffled, baked.iloc[order])


@SETTINGS
@given(frames())
def test_empty_selection_is_noop(df):
    base = recipe("y ~ .", df).prep().bake(df)
    for make in ("step_normalize", "step_center", "step_scale", "step_dummy", "step_impute_mean",
                 "step_impute_median", "step_impute_mode", "step_zv"):
        empty = getattr(recipe("y ~ .", df), make)()
        assert empty.steps[0].terms == ()
        pd.testing.assert_frame_equal(empty.prep().bake(df), base)
