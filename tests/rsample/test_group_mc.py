"""group_mc_cv(), group_bootstraps() and group_initial_split(strata=) (R: test-mc.R, test-boot.R,
test-initial_split.R "grouping", make_groups.R balance_prop)."""

import warnings

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.rsample import group_bootstraps, group_initial_split, group_mc_cv

DAT1 = pd.DataFrame({"a": range(1, 21), "c": [1, 2, 3, 4] * 5})


def apart(split, col):
    return set(split.analysis()[col]).isdisjoint(split.assessment()[col])


def test_group_mc_cv_r_counts(modeldata):
    # R test-mc.R "grouping": dat1$c = rep(1:4, 5) -> every analysis set is 15 rows (3 groups)
    rs = group_mc_cv(DAT1, "c", seed=11)
    assert len(rs) == 25 and rs.ids["id"].iloc[0] == "Resample01" and rs.ids["id"].iloc[-1] == "Resample25"
    assert all(len(s.analysis()) == 15 and len(s.assessment()) == 5 for s in rs)
    assert all(apart(s, "c") for s in rs)
    assert rs.attrs["balance"] == "prop" and rs.kind == "group_mc_cv"
    assert repr(rs).splitlines()[0] == "# Group Monte Carlo cross-validation (0.75/0.25) with 25 resamples "
    pen = modeldata("penguins")
    rs2 = group_mc_cv(pen, "island", prop=0.5, times=4, seed=1)
    assert all(apart(s, "island") for s in rs2)
    assert all(np.all(np.diff(s.in_id) > 0) for s in rs2)  # ascending, no repeats


def test_group_mc_cv_closest_to_prop():
    # groups of sizes 1..8 (36 rows): the cumulative share stops at the crossing or just before it
    df = pd.DataFrame({"g": np.repeat(np.arange(8), np.arange(1, 9))})
    for s in group_mc_cv(df, "g", prop=0.5, times=20, seed=4):
        assert abs(len(s.in_id) / 36 - 0.5) <= 8 / 36


def test_group_mc_cv_strata():
    df = pd.DataFrame({"g": np.repeat(np.arange(40), 3), "s": np.repeat(["a", "b"] * 20, 3)})
    rs = group_mc_cv(df, "g", prop=0.5, times=5, strata="s", seed=2)
    for s in rs:  # each stratum (20 groups of 3 rows) gives 10 groups
        assert s.analysis()["s"].value_counts().to_dict() == {"a": 30, "b": 30}
        assert apart(s, "g")
    assert repr(rs).splitlines()[0].endswith("with 5 resamples using stratification")


def test_group_mc_cv_errors():
    with pytest.raises(InvalidParameterError, match=r"`prop` in group_mc_cv\(\) must be a number in \(0, 1\); got 1"):
        group_mc_cv(DAT1, "c", prop=1)
    with pytest.raises(InvalidParameterError, match=r"`times` in group_mc_cv\(\) must be a whole number in \[1, inf\); got 0"):
        group_mc_cv(DAT1, "c", times=0)
    with pytest.raises(InvalidParameterError, match=r"`group` in group_mc_cv\(\) must be a single column name \(a string\); got None"):
        group_mc_cv(DAT1, None)
    one_big = pd.DataFrame({"g": [1] * 20 + [2]})
    with pytest.raises(InvalidParameterError, match=r"group_mc_cv\(\): some assessment sets contained zero rows .* "
                       r"Consider using a non-grouped resampling method"):
        group_mc_cv(one_big, "g", prop=0.9, times=5, seed=3)
    df = pd.DataFrame({"g": [1, 1, 2], "s": ["a", "b", "a"]})
    with pytest.raises(InvalidParameterError, match=r"group_mc_cv\(\): `strata` \('s'\) must be constant"):
        group_mc_cv(df, "g", strata="s")


def test_group_initial_split_strata():
    df = pd.DataFrame({"g": np.repeat(np.arange(40), 2), "s": np.repeat(["a"] * 28 + ["b"] * 12, 2)})
    split = group_initial_split(df, "g", prop=0.75, strata="s", seed=5)
    # 28 groups -> 21 of "a"; 12 groups -> 9 of "b"
    assert split.training()["s"].value_counts().to_dict() == {"a": 42, "b": 18}
    assert apart(split, "g") and split.kind == "group_initial_split"
    assert split.attrs["strata"] == "s" and split.attrs["pool"] == 0.1
    assert group_initial_split(df, "g", seed=5).attrs["strata"] is False
    with pytest.raises(InvalidParameterError, match=r"group_initial_split\(\): `strata` \('g2'\) must be constant"):
        group_initial_split(df.assign(g2=range(80)), "s", strata="g2")


def test_group_bootstraps_basics():
    df = pd.DataFrame({"g": np.repeat(np.arange(10), 3), "x": range(30)})
    bt = group_bootstraps(df, "g", times=30, seed=1)
    assert bt.ids["id"].iloc[0] == "Bootstrap01" and len(bt) == 30 and bt.kind == "group_bootstraps"
    for s in bt:
        assert len(s.in_id) == 30  # equal groups: exactly n rows drawn
        assert np.all(np.diff(s.in_id) >= 0)  # R arranges by row
        counts = np.bincount(s.in_id, minlength=30).reshape(10, 3)
        assert np.all(counts == counts[:, :1])  # a group's rows are drawn together
        assert apart(s, "g")
    assert any(np.bincount(s.in_id).max() > 1 for s in bt)  # with replacement
    assert repr(bt).splitlines()[0] == "# Group bootstrap sampling"
    app = group_bootstraps(df, "g", times=2, apparent=True, seed=1)
    assert app.ids["id"].tolist() == ["Bootstrap1", "Bootstrap2", "Apparent"]
    assert len(app[2].analysis()) == len(app[2].assessment()) == 30
    assert repr(app).splitlines()[0] == "# Group bootstrap sampling with apparent sample"


def test_group_bootstraps_strata():
    df = pd.DataFrame({"g": np.repeat(np.arange(20), 2), "s": np.repeat(["a", "b"] * 10, 2)})
    bt = group_bootstraps(df, "g", times=10, strata="s", seed=7)
    for s in bt:  # each stratum resampled to its own size
        assert s.analysis()["s"].value_counts().to_dict() == {"a": 20, "b": 20}
        assert apart(s, "g")
    assert repr(bt).splitlines()[0] == "# Group bootstrap sampling using stratification"


def test_group_bootstraps_warning_and_errors():
    two = pd.DataFrame({"g": [1, 2]})
    with pytest.warns(PytidyWarning, match=r"Some assessment sets contained zero rows\. Consider using a "
                      r"non-grouped resampling method"):
        group_bootstraps(two, "g", times=20, seed=1)
    with pytest.raises(InvalidParameterError, match=r"`apparent` in group_bootstraps\(\) must be True or False; got 1"):
        group_bootstraps(two, "g", apparent=1)
    with pytest.raises(InvalidParameterError, match=r"`times` in group_bootstraps\(\) must be a whole number in \[1, inf\); got 0"):
        group_bootstraps(two, "g", times=0)
    with pytest.raises(InvalidParameterError, match=r"group_bootstraps\(\): data lacks the column\(s\) \['h'\]"):
        group_bootstraps(two, "h")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        group_bootstraps(DAT1, "c", times=3, seed=2)
