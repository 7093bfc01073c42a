"""Property tests for the group resamplers: groups are never split, same seed gives the same splits."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pytidy.rsample import group_bootstraps, group_initial_split, group_mc_cv, group_vfold_cv, sliding_index

SEEDS = st.integers(0, 2**32 - 1)
FAST = settings(max_examples=20, deadline=None)


def grouped(sizes, n_strata):
    g = np.repeat(np.arange(len(sizes)), sizes)
    return pd.DataFrame({"g": g, "s": (g % n_strata).astype(str), "x": np.arange(g.size)})


def make(which, df, seed, strata):
    if which == "vfold_groups":
        return list(group_vfold_cv(df, "g", v=2, strata=strata, pool=0, seed=seed))
    if which == "vfold_obs":
        return list(group_vfold_cv(df, "g", v=2, balance="observations", strata=strata, pool=0, seed=seed))
    if which == "mc":
        return list(group_mc_cv(df, "g", prop=0.6, times=3, strata=strata, pool=0, seed=seed))
    if which == "initial":
        return [group_initial_split(df, "g", prop=0.6, strata=strata, pool=0, seed=seed)]
    return list(group_bootstraps(df, "g", times=3, strata=strata, pool=0, seed=seed))


@pytest.mark.filterwarnings("ignore:Some assessment sets contained zero rows")
@FAST
@given(sizes=st.lists(st.integers(1, 8), min_size=6, max_size=14), seed=SEEDS, stratified=st.booleans(),
       which=st.sampled_from(["vfold_groups", "vfold_obs", "mc", "initial", "boot"]))
def test_groups_never_split_and_seed_reproducible(sizes, seed, stratified, which):
    df = grouped(sizes, 2)
    strata = "s" if stratified else None
    try:
        first = make(which, df, seed, strata)
    except ValueError as err:  # a legitimate refusal (assessment set empty), never a crash
        assert "contained zero rows" in str(err)
        return
    second = make(which, df, seed, strata)
    for a, b in zip(first, second):
        assert np.array_equal(a.in_id, b.in_id) and np.array_equal(a.complement(), b.complement())
    for s in first:
        ga, gb = set(df["g"].iloc[s.in_id]), set(df["g"].iloc[s.complement()])
        assert ga.isdisjoint(gb) and ga | gb == set(df["g"])
        counts = np.bincount(s.in_id, minlength=len(df))
        for g in ga:  # all rows of a drawn group come the same number of times
            assert len(set(counts[df["g"].to_numpy() == g])) == 1
    if which.startswith("vfold"):
        assert sorted(np.concatenate([s.complement() for s in first]).tolist()) == list(range(len(df)))


@FAST
@given(values=st.lists(st.integers(0, 30), min_size=1, max_size=30), lookback=st.integers(0, 5),
       a0=st.integers(1, 3), extra=st.integers(0, 3))
def test_sliding_index_windows_hold_their_index_range(values, lookback, a0, extra):
    xs = np.sort(np.asarray(values, dtype=float))
    rs = sliding_index(pd.DataFrame({"x": xs}), "x", lookback=lookback, assess_start=a0, assess_stop=a0 + extra)
    for s in rs:
        anchor = xs[s.in_id[-1]]
        assert np.all(xs[s.in_id] >= anchor - lookback) and anchor - lookback >= xs[0]
        assert anchor + a0 + extra <= xs[-1]
        inside = (xs >= anchor + a0) & (xs <= anchor + a0 + extra)
        assert np.array_equal(np.flatnonzero(inside), s.out_id)
