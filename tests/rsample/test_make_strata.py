"""make_strata() against rsample's tests/testthat/test-make_strata.R and its snapshots."""

import warnings

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.rsample import make_strata


def counts(s):
    return pd.Series(s).value_counts(sort=False).tolist()


def test_simple_numerics_quartiles():
    x1 = np.random.default_rng(13333).normal(size=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert counts(make_strata(x1)) == [250] * 4  # R: rep(250, 4)
    with pytest.warns(PytidyWarning, match="below the recommended threshold of 500. Stratification will use 2 breaks"):
        s = make_strata(x1, depth=500)
    assert counts(s) == [500, 500]
    s = make_strata(np.concatenate([[np.nan], x1[:999]]), seed=1)  # the NA goes to a random bin
    assert all(249 <= c <= 251 for c in counts(s)) and sum(counts(s)) == 1000


def test_quantiles_are_r_type_7_with_cut_labels(modeldata):
    # R: quantile(penguins$bill_length_mm, na.rm = TRUE) = 32.1, 39.225, 44.45, 48.5, 59.6
    s = make_strata(modeldata("penguins")["bill_length_mm"], seed=1)
    assert list(s.categories) == ["[32.1,39.2]", "(39.2,44.5]", "(44.5,48.5]", "(48.5,59.6]"]
    assert s.isna().sum() == 0 and len(s) == 344


def test_bin_edges_are_right_closed():
    x = np.arange(1.0, 101.0)  # quantiles 1, 25.75, 50.5, 75.25, 100
    s = make_strata(x)
    assert counts(s) == [25, 25, 25, 25]
    assert s[0] == "[1,25.8]" and s[25] == "(25.8,50.5]"


def test_simple_character_with_small_pool():
    x2 = pd.Series(np.repeat(list("ABCDEFGHIJKL"), 20))
    with pytest.warns(PytidyWarning, match="Stratifying groups that make up 5% of the data may be statistically risky"):
        s = make_strata(x2, pool=0.05)
    assert counts(s) == [20] * 12
    x2[4] = None
    with pytest.warns(PytidyWarning, match="make up 5% of the data"):
        s = make_strata(x2, pool=0.05, seed=2)
    assert all(c in (19, 20, 21) for c in counts(s))


def test_bad_data_warnings_fall_back_to_one_stratum():
    x3 = pd.Categorical(np.repeat(list("ABCDEFGHIJKLMNO"), 50))
    with pytest.warns(PytidyWarning, match="Too little data to stratify. Resampling will be unstratified."):
        s0 = make_strata(x3)
    assert list(s0.categories) == ["strata1"] and counts(s0) == [750]
    with pytest.warns(PytidyWarning, match="make up 6% of the data may be statistically risky"):
        make_strata(x3, pool=0.06)
    mpg = np.linspace(10.4, 33.9, 32)  # mtcars$mpg has 32 rows: two warnings, as the R snapshot
    with pytest.warns(PytidyWarning) as rec:
        s2 = make_strata(mpg)
    msgs = [str(w.message) for w in rec]
    assert any("threshold of 20. Stratification will use 1 breaks instead." in m for m in msgs)
    assert any("Too little data to stratify" in m for m in msgs)
    assert list(s2.categories) == ["strata1"]
    with pytest.warns(PytidyWarning, match="The bins specified by `breaks` must be >=2. Resampling will be unstratified."):
        make_strata(np.arange(1, 51), breaks=-1)


def test_pooled_levels_are_spread_over_the_others():
    x = ["a"] * 50 + ["b"] * 45 + ["c"] * 5
    s = make_strata(x, seed=1)
    assert list(s.categories) == ["a", "b"] and s.isna().sum() == 0
    assert sum(counts(s)) == 100


def test_few_unique_numbers_are_categorical():
    s = make_strata(np.tile([1.0, 2.0, 3.0], 40))
    assert list(s.categories) == ["1", "2", "3"]


def test_same_seed_same_strata():
    x = np.r_[np.arange(100.0), [np.nan] * 20]
    assert (make_strata(x, seed=5) == make_strata(x, seed=5)).all()


def test_argument_errors():
    with pytest.raises(InvalidParameterError, match=r"`pool` in make_strata\(\) must be a number in \[0, 1\)"):
        make_strata([1, 2], pool=1)
    with pytest.raises(InvalidParameterError, match=r"`breaks` in make_strata\(\) must be a whole number"):
        make_strata([1, 2], breaks=2.5)
    with pytest.raises(InvalidParameterError, match=r"`depth` in make_strata\(\) must be a whole number in \[1, inf\)"):
        make_strata([1, 2], depth=0)
    with pytest.raises(InvalidParameterError, match=r"`nunique` in make_strata\(\)"):
        make_strata([1, 2], nunique="a")
