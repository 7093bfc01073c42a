"""group_vfold_cv() and group_initial_split() (R: test-vfold.R "grouping", test-initial_split.R)."""

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import group_initial_split, group_vfold_cv

DAT1 = pd.DataFrame({"a": range(1, 21), "c": [1, 2, 3, 4] * 5})


def groups_apart(split, col):
    return set(split.analysis()[col]).isdisjoint(split.assessment()[col])


def test_default_is_leave_one_group_out(modeldata):
    pen = modeldata("penguins")
    rs = group_vfold_cv(pen, "island", seed=1)
    assert len(rs) == 3 and rs.attrs["v"] == 3
    assert rs.ids["id"].tolist() == ["Resample1", "Resample2", "Resample3"]
    assert sorted(len(s.assessment()) for s in rs) == sorted(pen["island"].value_counts().tolist())
    assert all(groups_apart(s, "island") for s in rs)
    assert repr(rs).splitlines()[0] == "# Group 3-fold cross-validation"


def test_groups_partition_rows_and_balance():
    df = pd.DataFrame({"g": np.repeat(np.arange(12), np.arange(1, 13)), "x": 0})
    for balance in ("groups", "observations"):
        rs = group_vfold_cv(df, "g", v=3, balance=balance, seed=2)
        outs = np.concatenate([s.out_id for s in rs])
        assert sorted(outs) == list(range(len(df)))
        assert all(groups_apart(s, "g") for s in rs)
        if balance == "groups":
            assert [s.assessment()["g"].nunique() for s in rs] == [4, 4, 4]
        else:  # 78 rows: greedy filling gets every fold near 26
            assert all(abs(len(s.assessment()) - 26) <= 6 for s in rs)


def test_repeats():
    rs = group_vfold_cv(DAT1, "c", v=2, repeats=3, seed=1)
    assert rs.ids.columns.tolist() == ["id", "id2"] and len(rs) == 6
    assert rs[5].id == {"id": "Repeat3", "id2": "Resample2"}


def test_bad_args():
    with pytest.raises(InvalidParameterError, match=r"group_vfold_cv\(\): data lacks the column\(s\) \['tensio'\]"):
        group_vfold_cv(DAT1, "tensio")
    with pytest.raises(InvalidParameterError, match=r"`group` in group_vfold_cv\(\) must be a single column name \(a string\); got None"):
        group_vfold_cv(DAT1, None)
    with pytest.raises(InvalidParameterError, match=r"the number of groups \(4\) is less than `v` = 5"):
        group_vfold_cv(DAT1, "c", v=5)
    with pytest.raises(InvalidParameterError, match=r"repeated resampling when `v` is None would create identical resamples"):
        group_vfold_cv(DAT1, "c", repeats=2)
    with pytest.raises(InvalidParameterError, match=r"repeated resampling when `v` is 4 \(the number of groups\)"):
        group_vfold_cv(DAT1, "c", v=4, repeats=2)
    with pytest.raises(InvalidParameterError, match=r"`balance` in group_vfold_cv\(\) must be one of 'groups', 'observations'; got 'prop'"):
        group_vfold_cv(DAT1, "c", balance="prop")


def test_group_initial_split_r_counts():
    # R test "default group param": dat1$c = rep(1:4, 5) -> 15/5; prop = 1/2 -> 10/10
    rs1 = group_initial_split(DAT1, "c", seed=1)
    assert (len(rs1.training()), len(rs1.testing())) == (15, 5)
    assert rs1.kind == "group_initial_split" and repr(rs1).startswith("<Training/Testing/Total>")
    rs2 = group_initial_split(DAT1, "c", prop=1 / 2, seed=1)
    assert (len(rs2.training()), len(rs2.testing())) == (10, 10)
    assert groups_apart(rs2, "c")


def test_group_initial_split_errors():
    with pytest.raises(InvalidParameterError, match=r"`prop` in group_initial_split\(\) must be a number in \(0, 1\); got 1"):
        group_initial_split(DAT1, "c", prop=1)
    one_big = pd.DataFrame({"g": [1] * 20 + [2]})
    with pytest.raises(InvalidParameterError, match=r"group_initial_split\(\): some assessment sets contained zero rows .* non-grouped resampling"):
        group_initial_split(one_big, "g", prop=0.9, seed=3)
