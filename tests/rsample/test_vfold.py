"""vfold_cv() and loo_cv() (R: tests/testthat/test-vfold.R, test-loo.R and snapshots)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.rsample import loo_cv, vfold_cv

DAT1 = pd.DataFrame({"a": range(1, 21), "b": list("abcdefghijklmnopqrst")})
IRIS_N = pd.DataFrame({"x": range(150)})


def test_default_param():
    rs1 = vfold_cv(DAT1, seed=1)
    assert len(rs1) == 10 and rs1.ids["id"].tolist() == [f"Fold{i:02d}" for i in range(1, 11)]
    assert all(len(s.analysis()) == 18 and len(s.assessment()) == 2 for s in rs1)
    assert all(s.data is DAT1 for s in rs1)
    assert all(set(s.in_id).isdisjoint(s.complement()) for s in rs1)
    assert rs1.attrs == {"v": 10, "repeats": 1, "strata": None, "breaks": 4, "pool": 0.1}


def test_both_sets_are_sorted_like_r():
    for s in vfold_cv(DAT1, v=3, seed=2):
        assert np.all(np.diff(s.in_id) > 0) and np.all(np.diff(s.out_id) > 0)


def test_repeated():
    rs2 = vfold_cv(DAT1, repeats=4, seed=1)
    assert len(rs2) == 40
    assert rs2.ids.columns.tolist() == ["id", "id2"]
    assert rs2.ids["id"].unique().tolist() == ["Repeat1", "Repeat2", "Repeat3", "Repeat4"]
    assert rs2[11].id == {"id": "Repeat2", "id2": "Fold02"}
    # each repeat is its own partition
    for r in range(4):
        outs = np.concatenate([s.out_id for s in rs2.splits[10 * r: 10 * (r + 1)]])
        assert sorted(outs) == list(range(20))


def test_strata_keeps_class_shares_in_every_fold(modeldata):
    dat = modeldata("two_class_dat")  # 437 Class1, 354 Class2
    rs = vfold_cv(dat, v=10, repeats=2, strata="Class", seed=1)
    for s in rs:
        held = s.assessment()["Class"].value_counts()
        assert held["Class1"] in (43, 44) and held["Class2"] in (35, 36)
    rate = [np.mean(s.analysis()["Class"] == "Class2") for s in rs]
    assert np.allclose(rate, 354 / 791, atol=0.002)


def test_strata_pool_warning(modeldata):
    ames = modeldata("ames")
    with pytest.warns(PytidyWarning, match="Stratifying groups that make up 1% of the data may be statistically risky"):
        vfold_cv(ames, v=5, strata="Neighborhood", pool=0.01, seed=1)


def test_v_is_checked():
    with pytest.raises(InvalidParameterError, match=r"`v` in vfold_cv\(\) must be a whole number in \[2, inf\); got -500"):
        vfold_cv(IRIS_N, v=-500)
    with pytest.raises(InvalidParameterError, match=r"`v` in vfold_cv\(\) must be a whole number in \[2, inf\); got 1"):
        vfold_cv(IRIS_N, v=1)
    with pytest.raises(InvalidParameterError, match=r"`v` in vfold_cv\(\) must be a whole number in \[2, inf\); got None"):
        vfold_cv(IRIS_N, v=None)
    with pytest.raises(InvalidParameterError, match=r"vfold_cv\(\): the number of rows \(150\) is less than `v` = 500"):
        vfold_cv(IRIS_N, v=500)
    with pytest.raises(InvalidParameterError, match=r"leave-one-out cross-validation is not supported .* Use loo_cv\(\)"):
        vfold_cv(DAT1, v=20)


def test_repeats_is_checked():
    with pytest.raises(InvalidParameterError, match=r"repeated resampling when `v` is 150 \(the number of rows\) would create identical resamples"):
        vfold_cv(IRIS_N, v=150, repeats=2)
    with pytest.raises(InvalidParameterError, match=r"`repeats` in vfold_cv\(\) must be a whole number in \[1, inf\); got 0"):
        vfold_cv(IRIS_N, repeats=0)


def test_strata_is_checked():
    with pytest.raises(InvalidParameterError, match=r"vfold_cv\(\): data lacks the column\(s\) \['Species'\]"):
        vfold_cv(IRIS_N, strata="Species")
    with pytest.raises(InvalidParameterError, match=r"`strata` in vfold_cv\(\) must be a single column name"):
        vfold_cv(IRIS_N, strata=np.nan)


def test_same_seed_same_folds():
    a, b = vfold_cv(DAT1, v=4, seed=9), vfold_cv(DAT1, v=4, seed=9)
    assert all(np.array_equal(x.out_id, y.out_id) for x, y in zip(a, b))


def test_loo():
    rs = loo_cv(DAT1, seed=1)
    assert len(rs) == 20 and rs.kind == "loo_cv"
    assert rs.ids["id"].tolist()[9:11] == ["Resample10", "Resample11"]  # not zero-padded, as R
    assert all(len(s.analysis()) == 19 and len(s.assessment()) == 1 for s in rs)
    assert sorted(int(s.out_id[0]) for s in rs) == list(range(20))
    assert repr(rs).splitlines()[0] == "# Leave-one-out cross-validation"
    with pytest.raises(InvalidParameterError, match=r"loo_cv\(\) needs at least 2 rows in `data`; got 1"):
        loo_cv(DAT1.iloc[:1])
