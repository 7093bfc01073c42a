"""Row operations: step_naomit, step_filter, step_slice, step_sample, step_arrange."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_predictors, recipe
from pytidy.recipes.steps.arrange import step_arrange
from pytidy.recipes.steps.filter import step_filter
from pytidy.recipes.steps.naomit import step_naomit
from pytidy.recipes.steps.sample import step_sample
from pytidy.recipes.steps.slice import step_slice


@pytest.fixture
def df():
    return pd.DataFrame(
        {"y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "x": [3.0, np.nan, 1.0, 5.0, 2.0, 4.0],
         "g": pd.Categorical(["b", "a", "b", None, "a", "b"], categories=["b", "a"])},
        index=[10, 11, 12, 13, 14, 15],
    )


# -- naomit ---------------------------------------------------------------------------------

def test_naomit_drops_rows_at_prep_only(df):
    p = step_naomit(recipe("y ~ .", df), all_predictors()).prep()
    assert p.bake(None).index.tolist() == [10, 12, 14, 15]
    assert len(p.bake(df)) == 6  # skip=True by default (R)
    assert p.steps[0].skip is True


def test_naomit_skip_false_and_subset(df):
    p = step_naomit(recipe("y ~ .", df), "x", skip=False).prep()
    assert p.bake(df).index.tolist() == [10, 12, 13, 14, 15]
    assert p.tidy(1)["terms"].tolist() == ["x"]


# -- filter ---------------------------------------------------------------------------------

def test_filter_string_and_callable(df):
    p = step_filter(recipe("y ~ .", df), "x > 1.5", lambda d: d["g"] == "b").prep()
    assert p.bake(None).index.tolist() == [10, 15]  # NaN comparisons drop the row (dplyr)
    assert p.tidy(1)["terms"].tolist() == ["x > 1.5", "<lambda>"]
    assert "Row filtering using: x > 1.5, <lambda> [trained] [skip]" == repr(p.steps[0])


def test_filter_at_bake_when_not_skipped(df):
    p = step_filter(recipe("y ~ .", df), "y >= 4", skip=False).prep()
    assert p.bake(df.iloc[::-1])["y"].tolist() == [6.0, 5.0, 4.0]


def test_filter_errors(df):
    with pytest.raises(InvalidParameterError, match="each condition must be a non-empty string"):
        step_filter(recipe("y ~ .", df), 3)
    with pytest.raises(InvalidParameterError, match="the condition 'zz > 1' could not be evaluated"):
        step_filter(recipe("y ~ .", df), "zz > 1").prep()
    with pytest.raises(InvalidParameterError, match="one True/False value per row"):
        step_filter(recipe("y ~ .", df), lambda d: [True]).prep()


# -- slice ----------------------------------------------------------------------------------

def test_slice_positions(df):
    rec = recipe("y ~ .", df)
    assert step_slice(rec, 0, [2, 3], -1).prep().bake(None).index.tolist() == [10, 12, 13, 15]
    assert step_slice(rec, slice(1, None, 2)).prep().bake(None).index.tolist() == [11, 13, 15]
    assert step_slice(rec, range(4, 100)).prep().bake(None).index.tolist() == [14, 15]  # past the end: ignored
    p = step_slice(rec, range(2), skip=False).prep()
    assert p.bake(df.iloc[3:]).index.tolist() == [13, 14]
    assert p.tidy(1)["terms"].tolist() == ["range(0, 2)"]


def test_slice_errors(df):
    with pytest.raises(InvalidParameterError, match="positions must be integers"):
        step_slice(recipe("y ~ .", df), 1.5)
    with pytest.raises(InvalidParameterError, match="must be whole numbers"):
        step_slice(recipe("y ~ .", df), [1, 2.5])
    with pytest.raises(InvalidParameterError, match="bounds must be integers"):
        step_slice(recipe("y ~ .", df), slice(0, 2.0))


# -- sample ---------------------------------------------------------------------------------

def test_sample_size_fraction_count_and_seed():
    big = pd.DataFrame({"y": np.arange(100.0)})
    rec = recipe("y ~ .", big)
    a = step_sample(rec, size=0.25, seed=7).prep().bake(None)
    b = step_sample(rec, size=0.25, seed=7).prep().bake(None)
    c = step_sample(rec, size=0.25, seed=8).prep().bake(None)
    assert len(a) == 25 and a.equals(b) and not a.equals(c)
    assert a["y"].is_monotonic_increasing and a.index.is_unique
    assert len(step_sample(rec, size=30).prep().bake(None)) == 30
    assert len(step_sample(rec, size=500).prep().bake(None)) == 100  # capped without replacement
    boot = step_sample(rec, size=500, replace=True, seed=1).prep().bake(None)
    assert len(boot) == 500 and not boot.index.is_unique
    assert len(step_sample(rec, seed=1).prep().bake(big)) == 100  # skip=True


def test_sample_seed_drawn_once_per_step():
    rec = step_sample(recipe("y ~ .", pd.DataFrame({"y": np.arange(50.0)})), size=10)
    assert rec.prep().bake(None).equals(rec.prep().bake(None))


def test_sample_errors():
    rec = recipe("y ~ .", pd.DataFrame({"y": [1.0]}))
    with pytest.raises(InvalidParameterError, match="`size` in step_sample\\(\\) must be a positive number"):
        step_sample(rec, size=-1)
    with pytest.raises(InvalidParameterError, match="does not select columns"):
        step_sample(rec, "y")
    with pytest.raises(InvalidParameterError, match="`seed` in step_sample\\(\\) must be a non-negative integer"):
        step_sample(rec, seed=-2)
    with pytest.raises(InvalidParameterError, match="`replace` in step_sample\\(\\) must be True or False"):
        step_sample(rec, replace="yes")


def test_sample_work_does_not_grow_with_rows(python_calls):
    # no loop over rows: ten times the rows, about the same number of Python calls in prep()
    def run(n):
        big = pd.DataFrame({"y": np.zeros(n), "x": np.arange(float(n))})
        rec = step_sample(recipe("y ~ .", big), size=0.1, seed=1)   # skip=True: the work is in prep()
        return python_calls(rec.prep), len(rec.prep().bake(None))

    (small, n_small), (large, n_large) = run(10_000), run(100_000)
    assert (n_small, n_large) == (1_000, 10_000)
    assert large < 1.2 * small + 100, (small, large)


# -- arrange --------------------------------------------------------------------------------

def test_arrange_keys_order_and_na_last(df):
    p = step_arrange(recipe("y ~ .", df), "x").prep()
    assert p.bake(df).index.tolist() == [12, 14, 10, 15, 13, 11]  # NaN last (dplyr)
    p = step_arrange(recipe("y ~ .", df), "g", "x", ascending=[True, False]).prep()
    # factor sorts by level order b < a; missing level last
    assert p.bake(df).index.tolist() == [15, 10, 12, 14, 11, 13]
    assert p.tidy(1)["terms"].tolist() == ["g", "x"]


def test_arrange_errors(df):
    with pytest.raises(InvalidParameterError, match="`ascending` has 2 values but the selection gave 1"):
        step_arrange(recipe("y ~ .", df), "x", ascending=[True, False]).prep()
    with pytest.raises(InvalidParameterError, match="`ascending` in step_arrange\\(\\) must be True or False"):
        step_arrange(recipe("y ~ .", df), "x", ascending="down")
