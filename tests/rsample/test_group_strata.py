"""group_vfold_cv(strata=, pool=) (R: test-vfold.R "grouping -- strata", make_groups.R balance_*_strata)."""

import warnings

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.rsample import group_vfold_cv


def sample_data(seed=11, n_rows=10_000):
    """R's test data: 100 groups, 70 of outcome 0 and 30 of outcome 1, rows drawn into groups."""
    rng = np.random.default_rng(seed)
    outcome = rng.permutation(np.repeat([0, 1], [70, 30]))
    group = rng.integers(1, 101, size=n_rows)
    return pd.DataFrame({"group": group, "outcome": outcome[group - 1], "observation": np.arange(n_rows)})


def apart(split, col="group"):
    return set(split.analysis()[col]).isdisjoint(split.assessment()[col])


@pytest.mark.parametrize("balance", ["groups", "observations"])
def test_strata_rate_kept_and_groups_apart(balance):
    df = sample_data()
    rs = group_vfold_cv(df, "group", v=5, strata="outcome", balance=balance, seed=1)
    assert len(rs) == 5 and rs.attrs["strata"] == "outcome" and rs.attrs["pool"] == 0.1
    assert all(apart(s) for s in rs)
    assert sorted(np.concatenate([s.out_id for s in rs]).tolist()) == list(range(len(df)))
    # R: expect_equal(mean(rate), 0.3, tolerance = 1e-2) for the rate of outcome 1 per assessment set
    rate = [s.assessment()["outcome"].eq(1).mean() for s in rs]
    assert np.mean(rate) == pytest.approx(0.3, abs=0.03)
    # each fold holds 6 of the 30 rare groups and 14 of the 70 common ones
    per_fold = [s.assessment().groupby("outcome")["group"].nunique().tolist() for s in rs]
    if balance == "groups":
        assert per_fold == [[14, 6]] * 5
    else:
        assert all(g[1] >= 1 for g in per_fold)


def test_balance_groups_strata_lays_labels_over_strata():
    # 3 strata of 3 groups each, v = 2: rep(1:2, length.out = 9) laid stratum by stratum
    df = pd.DataFrame({"g": range(9), "s": np.repeat(["a", "b", "c"], 3)})
    counts = set()
    for seed in range(20):
        rs = group_vfold_cv(df, "g", v=2, strata="s", pool=0, seed=seed)
        sizes = sorted(len(s.out_id) for s in rs)
        assert sizes == [4, 5]  # 9 keys over 2 folds
        for s in rs:  # each stratum puts 1 or 2 of its 3 groups into each fold
            assert set(s.assessment()["s"].value_counts().tolist()) <= {1, 2}
        counts.add(tuple(rs[0].out_id.tolist()))
    assert len(counts) > 1  # stochastic even though the layout is fixed


def test_v_none_with_strata_uses_least_common_stratum():
    df = sample_data(n_rows=3000)
    with pytest.warns(PytidyWarning, match=r"Leaving `v=None` while using stratification sets `v` to the number "
                      r"of groups present in the least common stratum \(30\)\. Set `v` explicitly"):
        rs = group_vfold_cv(df, "group", strata="outcome", seed=2)
    assert len(rs) == 30 and rs.attrs["v"] == 30
    assert rs.ids["id"].iloc[0] == "Resample01"
    small = pd.DataFrame({"g": range(20), "s": ["a"] * 16 + ["b"] * 4})
    with pytest.raises(InvalidParameterError, match=r"the least common stratum only had 4 groups, which may not "
                       r"be enough for cross-validation\. Set `v` explicitly to override this error"):
        group_vfold_cv(small, "g", strata="s", seed=1)


def test_strata_not_constant_within_group_errors():
    df = pd.DataFrame({"g": [1, 1, 2, 2], "s": ["a", "b", "a", "a"]})
    with pytest.raises(InvalidParameterError, match=r"group_vfold_cv\(\): `strata` \('s'\) must be constant across "
                       r"all members of each `group` \('g'\)"):
        group_vfold_cv(df, "g", v=2, strata="s")


def test_strata_and_pool_args_checked():
    df = pd.DataFrame({"g": range(10), "s": ["a", "b"] * 5})
    with pytest.raises(InvalidParameterError, match=r"group_vfold_cv\(\): data lacks the column\(s\) \['nope'\]"):
        group_vfold_cv(df, "g", v=2, strata="nope")
    with pytest.raises(InvalidParameterError, match=r"`strata` in group_vfold_cv\(\) must be a single column name "
                       r"\(a string\) or None; got 3"):
        group_vfold_cv(df, "g", v=2, strata=3)
    with pytest.raises(InvalidParameterError, match=r"`pool` in group_vfold_cv\(\) must be a number in \[0, 1\); got 1"):
        group_vfold_cv(df, "g", v=2, strata="s", pool=1)


def test_observations_needs_v_groups_per_stratum():
    df = pd.DataFrame({"g": range(12), "s": ["a"] * 9 + ["b"] * 3})
    with pytest.raises(InvalidParameterError, match=r"with balance='observations' every stratum needs at least "
                       r"v = 4 groups; a stratum of 's' has 3"):
        group_vfold_cv(df, "g", v=4, strata="s", balance="observations", pool=0, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rs = group_vfold_cv(df, "g", v=3, strata="s", balance="observations", pool=0, seed=1)
    assert [s.assessment()["s"].value_counts().to_dict() for s in rs] == [{"a": 3, "b": 1}] * 3


def test_pooled_stratum_keeps_groups_whole():
    # stratum "c" holds 4 % of the rows: pooled into "a"/"b" group by group, never splitting a group
    df = pd.DataFrame({"g": np.repeat(np.arange(25), 4), "s": np.repeat(["a"] * 12 + ["b"] * 12 + ["c"], 4)})
    for seed in range(5):
        rs = group_vfold_cv(df, "g", v=4, strata="s", seed=seed)
        assert all(apart(s, "g") for s in rs)
        assert sorted(np.concatenate([s.out_id for s in rs]).tolist()) == list(range(100))


def test_repeats_with_strata_and_print():
    df = pd.DataFrame({"g": range(20), "s": ["a", "b"] * 10})
    rs = group_vfold_cv(df, "g", v=2, repeats=2, strata="s", seed=3)
    assert rs.ids.columns.tolist() == ["id", "id2"] and len(rs) == 4
    assert repr(rs).splitlines()[0] == "# Group 2-fold cross-validation"
    again = group_vfold_cv(df, "g", v=2, repeats=2, strata="s", seed=3)
    assert rs.fingerprint == again.fingerprint
