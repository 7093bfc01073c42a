"""Property tests: invariants every resampler must keep, for any size and seed."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pytidy.rsample import (bootstraps, group_vfold_cv, initial_split, initial_time_split, initial_validation_split,
                            loo_cv, mc_cv, rolling_origin, vfold_cv)

SEEDS = st.integers(0, 2**32 - 1)
FAST = settings(max_examples=25, deadline=None)


def frame(n):
    return pd.DataFrame({"x": np.arange(n), "g": np.arange(n) % 3})


@FAST
@given(n=st.integers(3, 200), v=st.integers(2, 10), seed=SEEDS)
def test_vfold_folds_partition_the_rows(n, v, seed):
    assume(v < n)
    folds = vfold_cv(frame(n), v=v, seed=seed)
    outs = np.concatenate([s.out_id for s in folds])
    assert sorted(outs) == list(range(n))  # every row assessed exactly once
    sizes = [len(s.out_id) for s in folds]
    assert max(sizes) - min(sizes) <= 1
    for s in folds:  # analysis + assessment cover all rows, without overlap
        assert set(s.in_id).isdisjoint(s.out_id)
        assert len(s.in_id) + len(s.out_id) == n


@FAST
@given(counts=st.lists(st.integers(1, 60), min_size=1, max_size=4), prop=st.floats(0.05, 0.95), seed=SEEDS)
def test_strata_proportions_kept_within_one_row(counts, prop, seed):
    labels = np.repeat([f"s{i}" for i in range(len(counts))], counts)
    df = pd.DataFrame({"s": labels})
    assume(all(c / len(df) >= 0.1 for c in counts))  # no pooling
    assume(sum(math.floor(c * prop) for c in counts) >= 1)  # else R's "At least one row" error
    split = initial_split(df, prop=prop, strata="s", seed=seed)
    got = df["s"].iloc[split.in_id].value_counts()
    for i, c in enumerate(counts):
        assert abs(got.get(f"s{i}", 0) - c * prop) < 1


@pytest.mark.filterwarnings("ignore:Some assessment sets contained zero rows")
@FAST
@given(n=st.integers(4, 120), seed=SEEDS, which=st.sampled_from(
    ["initial_split", "mc_cv", "vfold_cv", "bootstraps", "loo_cv", "group_vfold_cv", "rolling_origin",
     "initial_time_split"]))
def test_no_row_in_both_analysis_and_assessment(n, seed, which):
    df = frame(n)
    make = {
        "initial_split": lambda: [initial_split(df, seed=seed)],
        "initial_time_split": lambda: [initial_time_split(df)],
        "mc_cv": lambda: mc_cv(df, times=3, seed=seed),
        "vfold_cv": lambda: vfold_cv(df, v=3, seed=seed),
        "bootstraps": lambda: bootstraps(df, times=3, seed=seed),
        "loo_cv": lambda: loo_cv(df.iloc[:10], seed=seed),
        "group_vfold_cv": lambda: group_vfold_cv(df, "g", seed=seed),
        "rolling_origin": lambda: rolling_origin(df, initial=2, assess=2),
    }[which]
    for s in make():
        assert set(s.in_id.tolist()).isdisjoint(s.complement().tolist())
        assert s.in_id.min() >= 0 and s.in_id.max() < len(s.data)


@FAST
@given(n=st.integers(10, 150), seed=SEEDS)
def test_same_seed_same_splits(n, seed):
    df = frame(n)
    for f in (lambda: vfold_cv(df, v=3, repeats=2, seed=seed), lambda: bootstraps(df, times=2, seed=seed),
              lambda: mc_cv(df, times=2, strata="g", seed=seed)):
        a, b = f(), f()
        assert a.fingerprint == b.fingerprint
    x, y = initial_split(df, seed=seed), initial_split(df, seed=seed)
    assert np.array_equal(x.in_id, y.in_id)
    p, q = initial_validation_split(df, seed=seed), initial_validation_split(df, seed=seed)
    assert np.array_equal(p.val_id, q.val_id)


@FAST
@given(n=st.integers(5, 300), prop=st.floats(0.05, 0.95), seed=SEEDS)
def test_initial_split_size_is_floor(n, prop, seed):
    assume(math.floor(n * prop) >= 1)
    split = initial_split(frame(n), prop=prop, seed=seed)
    assert len(split.in_id) == math.floor(n * prop) and len(np.unique(split.in_id)) == len(split.in_id)
    assert len(split.in_id) + len(split.complement()) == n
