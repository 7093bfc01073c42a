"""RSet, manual_rset and printing (R: rsample/R/rset.R, R/printing.R, R/tidy.R, R/manual.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import RSet, RSplit, bootstraps, initial_split, manual_rset, mc_cv, vfold_cv

MTCARS_N = 32
DF = pd.DataFrame({"x": np.arange(MTCARS_N)})


def test_vfold_print_matches_r_snapshot():
    # R snapshot (tests/testthat/_snaps/vfold.md, vfold_cv(mtcars)): two folds of 4 then eight of 3
    out = repr(vfold_cv(DF, seed=3)).splitlines()
    assert out[0] == "#  10-fold cross-validation"
    assert out[1] == "# A tibble: 10 x 2"
    assert out[2].split() == ["splits", "id"]
    sums = [line.split()[1:4] for line in out[3:]]
    assert sums[:2] == [["<split", "[28/4]>", "Fold01"], ["<split", "[28/4]>", "Fold02"]]
    assert all(s[1] == "[29/3]>" for s in sums[2:]) and sums[-1][2] == "Fold10"


def test_container_protocol():
    folds = vfold_cv(DF, v=4, seed=1)
    assert len(folds) == 4
    assert [s.id["id"] for s in folds] == ["Fold1", "Fold2", "Fold3", "Fold4"]
    assert folds[-1] is folds.splits[3]
    sub = folds[1:3]
    assert isinstance(sub, RSet) and sub.ids["id"].tolist() == ["Fold2", "Fold3"] and sub.kind == "vfold_cv"
    assert folds.subset(np.array([True, False, False, True])).ids["id"].tolist() == ["Fold1", "Fold4"]
    with pytest.raises(IndexError, match="Split position 4 is out of range for an RSet of 4"):
        folds[4]
    with pytest.raises(InvalidParameterError, match=r"subset\(\): positions must be in \[0, 3\]"):
        folds.subset([0, 9])


def test_to_frame_has_splits_and_ids():
    f = vfold_cv(DF, v=3, repeats=2, seed=1).to_frame()
    assert f.columns.tolist() == ["splits", "id", "id2"]
    assert f["id"].tolist() == ["Repeat1"] * 3 + ["Repeat2"] * 3
    assert isinstance(f["splits"].iloc[0], RSplit)


def test_tidy_vfold_columns_like_r():
    t = vfold_cv(DF.iloc[:10], v=5, seed=2).tidy()
    assert t.columns.tolist() == ["Row", "Data", "Fold"]
    assert len(t) == 5 * 10  # every row once per fold
    assessed = t[t["Data"] == "Assessment"]
    assert sorted(assessed["Row"]) == list(range(10))
    rep = vfold_cv(DF.iloc[:10], v=2, repeats=2, seed=2).tidy()
    assert rep.columns.tolist() == ["Row", "Data", "Repeat", "Fold"]
    boot = bootstraps(DF.iloc[:10], times=2, seed=1).tidy()
    assert boot.columns.tolist() == ["Row", "Data", "Resample"]
    # arranged by Data, then Row
    key = list(zip(boot["Data"], boot["Row"]))
    assert key == sorted(key)


def test_fingerprint_same_seed_same_hash():
    a, b, c = vfold_cv(DF, seed=1), vfold_cv(DF, seed=1), vfold_cv(DF, seed=2)
    assert a.fingerprint == b.fingerprint != c.fingerprint


def test_pretty_strings_follow_r():
    assert mc_cv(DF, times=2, seed=1).pretty == "Monte Carlo cross-validation (0.75/0.25) with 2 resamples"
    assert vfold_cv(DF, v=5, repeats=2, seed=1).pretty == "5-fold cross-validation repeated 2 times"
    df = DF.assign(g=["a", "b"] * 16)
    assert vfold_cv(df, v=5, strata="g", seed=1).pretty == "5-fold cross-validation using stratification"
    assert bootstraps(df, times=2, strata="g", apparent=True, seed=1).pretty == (
        "Bootstrap sampling using stratification with apparent sample"
    )


def test_long_rset_print_is_truncated():
    out = repr(bootstraps(DF, times=25, seed=1))
    assert out.splitlines()[0] == "# Bootstrap sampling"
    assert out.endswith("# ... with 15 more rows")


def test_manual_rset_sets_ids():
    split = initial_split(DF, seed=1)
    rs = manual_rset([split], ["train/test split"])
    assert rs.kind == "manual_rset" and rs[0].id == {"id": "train/test split"}
    assert rs[0].in_id is split.in_id  # no copy of the indices
    assert repr(rs).splitlines()[0] == "# Manual resampling"


def test_manual_rset_errors():
    split = initial_split(DF, seed=1)
    with pytest.raises(InvalidParameterError, match="Each element of `splits` in manual_rset\\(\\) must be an RSplit; got a str"):
        manual_rset(["a"], ["x"])
    with pytest.raises(InvalidParameterError, match="Split and id vectors have different lengths: 1 splits, 2 ids"):
        manual_rset([split], ["a", "b"])
    with pytest.raises(InvalidParameterError, match="The id column names should start with 'id'; got \\['fold'\\]"):
        manual_rset([split], pd.DataFrame({"fold": ["a"]}))
    with pytest.raises(InvalidParameterError, match="`ids` must be a list of strings or a DataFrame; got the string"):
        manual_rset([split], "abc")


def test_rset_constructor_checks():
    with pytest.raises(InvalidParameterError, match="Each element of `splits` must be an RSplit; got a int"):
        RSet([1], ["a"])
    with pytest.raises(InvalidParameterError, match="Split and id vectors have different lengths"):
        RSet([RSplit(DF, [0])], ["a", "b"])
