"""initial_split(), initial_time_split(), mc_cv() (R: tests/testthat/test-initial_split.R, test-mc.R)."""

import math

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.rsample import initial_split, initial_time_split, mc_cv, testing, training

DAT1 = pd.DataFrame({"a": range(1, 21), "b": list("abcdefghijklmnopqrst"), "c": [1, 2, 3, 4] * 5})


def test_default_param():
    rs1 = initial_split(DAT1, seed=11)
    assert len(training(rs1)) == 15 and len(testing(rs1)) == 5  # R: nrow * 3/4, nrow / 4
    assert rs1.kind == "initial_split" and rs1.id == {"id": "Resample1"}
    assert sorted(training(rs1)["a"].tolist() + testing(rs1)["a"].tolist()) == list(range(1, 21))
    assert testing(rs1).index.is_monotonic_increasing


def test_unstratified_training_rows_come_in_sampled_order():
    # R: sample(n, floor(n * prop)) -- the analysis rows are not sorted
    rows = initial_split(pd.DataFrame({"x": range(1000)}), seed=1).in_id
    assert not np.all(np.diff(rows) > 0)


@pytest.mark.parametrize("prop", [0.1, 0.75, 0.9])
def test_prop_computes_the_proportion_for_analysis(modeldata, prop):
    # R test "`prop` computes the proportion for analysis (#217)", with penguins for airquality
    pen = modeldata("penguins")
    assert len(initial_split(pen, prop=prop, seed=11).analysis()) == math.floor(344 * prop)
    expect = sum(math.floor(c * prop) for c in (152, 68, 124))  # table(penguins$species)
    split = initial_split(pen, prop=prop, strata="species", seed=11)
    assert len(split.analysis()) == expect
    got = split.analysis()["species"].value_counts()
    assert got.to_dict() == {k: math.floor(c * prop) for k, c in zip(["Adelie", "Chinstrap", "Gentoo"], (152, 68, 124))}


def test_stratified_rows_are_sorted_within_strata(modeldata):
    dat = modeldata("two_class_dat")  # 437 Class1, 354 Class2
    split = initial_split(dat, strata="Class", seed=3)
    assert len(split.in_id) == math.floor(437 * 0.75) + math.floor(354 * 0.75)
    cls = dat["Class"].to_numpy()[split.in_id]
    first = cls == "Class1"
    assert first[: first.sum()].all()  # strata concatenated in level order
    for level in ("Class1", "Class2"):
        ids = split.in_id[cls == level]
        assert np.all(np.diff(ids) > 0)


def test_numeric_strata_keep_quartile_shares(modeldata):
    pen = modeldata("penguins").dropna(subset=["body_mass_g"])
    split = initial_split(pen, strata="body_mass_g", seed=4)
    bins = pd.qcut(pen["body_mass_g"], 4)
    train_bins = bins.iloc[split.in_id].value_counts().sort_index().to_numpy()
    assert np.all(np.abs(train_bins - bins.value_counts().sort_index().to_numpy() * 0.75) < 1)


def test_same_seed_same_split_and_set_seed_default():
    a, b = initial_split(DAT1, seed=5), initial_split(DAT1, seed=5)
    assert np.array_equal(a.in_id, b.in_id)
    tm.set_seed(42)
    c = initial_split(DAT1)
    tm.set_seed(42)
    d = initial_split(DAT1)
    assert np.array_equal(c.in_id, d.in_id)


def test_default_time_param():
    rs1 = initial_time_split(DAT1)
    assert training(rs1).equals(DAT1.iloc[:15])
    assert len(testing(rs1)) == 5 and rs1.kind == "initial_time_split"
    assert repr(rs1) == "<Training/Testing/Total>\n<15/5/20>"


def test_time_split_with_lag():
    rs1 = initial_time_split(DAT1, lag=5)  # R: test rows (floor(n*3/4) + 1 - 5):n
    assert len(training(rs1)) == 15
    assert testing(rs1)["a"].tolist() == list(range(11, 21))


def test_prop_and_lag_errors():
    for f in (initial_split, initial_time_split):
        name = f.__name__
        with pytest.raises(InvalidParameterError, match=rf"`prop` in {name}\(\) must be a number in \(0, 1\); got 1"):
            f(DAT1, prop=1)
        with pytest.raises(InvalidParameterError, match=rf"`prop` in {name}\(\) must be a number in \(0, 1\); got 0"):
            f(DAT1, prop=0)
    with pytest.raises(InvalidParameterError, match=r"`lag` in initial_time_split\(\) must be a whole number"):
        initial_time_split(DAT1, lag=12.5)
    with pytest.raises(InvalidParameterError, match=r"`lag` in initial_time_split\(\) must be less than or equal to the number of training observations \(15\); got 21"):
        initial_time_split(DAT1, lag=21)
    with pytest.raises(InvalidParameterError, match="At least one row should be selected for the analysis set"):
        initial_time_split(DAT1.iloc[:1], prop=0.5)


def test_data_and_strata_errors():
    with pytest.raises(InvalidParameterError, match=r"`data` in initial_split\(\) must be a pandas DataFrame; got list"):
        initial_split([1, 2, 3])
    with pytest.raises(InvalidParameterError, match=r"initial_split\(\): data lacks the column\(s\) \['nope'\]"):
        initial_split(DAT1, strata="nope")
    with pytest.raises(InvalidParameterError, match=r"`strata` in initial_split\(\) must be a single column name \(a string\) or None; got \['a', 'b'\]"):
        initial_split(DAT1, strata=["a", "b"])


def test_strata_that_cannot_stratify_warns_and_sorts():
    with pytest.warns(tm.PytidyWarning) as rec:
        split = initial_split(DAT1, strata="a", seed=1)  # 20 rows of a numeric column
    msgs = " | ".join(str(w.message) for w in rec)
    assert "Stratification will use 1 breaks instead" in msgs and "Too little data to stratify" in msgs
    assert np.all(np.diff(split.in_id) > 0)  # a single stratum: sorted, as R


def test_mc_cv_sizes_ids_and_strata(modeldata):
    rs = mc_cv(DAT1, times=12, seed=1)
    assert rs.ids["id"].tolist()[:2] == ["Resample01", "Resample02"] and len(rs) == 12
    assert all(len(s.analysis()) == 15 and len(s.assessment()) == 5 for s in rs)
    pen = modeldata("penguins")
    rs = mc_cv(pen, prop=0.5, times=3, strata="species", seed=1)
    assert all(len(s.in_id) == 76 + 34 + 62 for s in rs)
    assert rs.pretty == "Monte Carlo cross-validation (0.5/0.5) with 3 resamples  using stratification"
    with pytest.raises(InvalidParameterError, match=r"`times` in mc_cv\(\) must be a whole number in \[1, inf\); got 0"):
        mc_cv(DAT1, times=0)
    with pytest.raises(InvalidParameterError, match=r"`prop` in mc_cv\(\) must be a number in \(0, 1\)"):
        mc_cv(DAT1, prop=1.5)


def test_large_data_is_fast():
    import time

    n = 2_000_000
    df = pd.DataFrame({"x": np.zeros(n, dtype=np.float32), "y": np.tile([0, 1, 1, 1], n // 4)})
    t0 = time.perf_counter()
    split = initial_split(df, strata="y", seed=1)
    folds = tm.vfold_cv(df, v=5, seed=1)
    assert time.perf_counter() - t0 < 10  # about 1 s; no Python loop over rows
    assert len(split.in_id) == math.floor(n / 4 * 0.75) + math.floor(3 * n / 4 * 0.75)
    assert sum(len(f.out_id) for f in folds) == n
