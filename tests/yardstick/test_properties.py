"""Hypothesis properties: row order does not matter, truth vs truth scores best, interfaces agree."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

import pytidy as tm

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def class_data(draw):
    n = draw(st.integers(4, 60))
    k = draw(st.integers(2, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    levels = list("abcd"[:k])
    t = np.arange(n) % k
    rng.shuffle(t)
    e = np.where(rng.random(n) < 0.6, t, rng.integers(0, k, n))
    p = rng.dirichlet(np.ones(k), size=n)
    return (pd.Categorical.from_codes(t, levels), pd.Categorical.from_codes(e, levels), p,
            rng.permutation(n))


@pytest.mark.filterwarnings("ignore::pytidy.errors.PytidyWarning")
@SETTINGS
@given(class_data())
def test_class_and_prob_metrics_ignore_row_order(data):
    t, e, p, perm = data
    tp, ep, pp = t[perm], e[perm], p[perm]
    for m in (tm.accuracy, tm.kap, tm.mcc, tm.f_meas, tm.bal_accuracy):
        a, b = m.vec(t, e), m.vec(tp, ep)
        assert (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    est = p[:, 0] if p.shape[1] == 2 else p
    estp = pp[:, 0] if p.shape[1] == 2 else pp
    for m in (tm.roc_auc, tm.mn_log_loss, tm.brier_class, tm.pr_auc):
        assert math.isclose(m.vec(t, est), m.vec(tp, estp), rel_tol=1e-12, abs_tol=1e-12)


@SETTINGS
@given(class_data())
def test_truth_against_truth_scores_best(data):
    t, _, _, _ = data
    assert tm.accuracy_vec(t, t) == 1.0
    assert tm.kap_vec(t, t) == 1.0
    assert tm.mcc_vec(t, t) == 1.0
    assert tm.f_meas_vec(t, t) == 1.0
    onehot = np.eye(len(t.categories))[t.codes]
    est = onehot[:, 0] if onehot.shape[1] == 2 else onehot
    assert tm.roc_auc_vec(t, est) == 1.0
    assert tm.brier_class_vec(t, est) == 0.0


@SETTINGS
@given(class_data())
def test_vec_and_frame_agree_and_auc_matches_sklearn(data):
    t, e, p, _ = data
    df = pd.DataFrame({"t": t, "e": e})
    assert tm.accuracy(df, "t", "e")[".estimate"].iloc[0] == tm.accuracy_vec(t, e)
    if p.shape[1] == 2:
        df["p"] = p[:, 0]
        ours = tm.roc_auc(df, "t", "p")[".estimate"].iloc[0]
        assert ours == tm.roc_auc_vec(t, p[:, 0])
        assert math.isclose(ours, skm.roc_auc_score(t.codes == 0, p[:, 0]), rel_tol=1e-12)


@SETTINGS
@given(st.lists(st.floats(-1e3, 1e3), min_size=3, max_size=50), st.integers(0, 2**32 - 1))
def test_numeric_metrics_properties(values, seed):
    t = np.asarray(values)
    rng = np.random.default_rng(seed)
    e = t + rng.normal(size=t.size)
    perm = rng.permutation(t.size)
    for m in (tm.rmse, tm.mae, tm.mse, tm.huber_loss, tm.msd):
        assert math.isclose(m.vec(t, e), m.vec(t[perm], e[perm]), rel_tol=1e-9, abs_tol=1e-9)
        assert m.vec(t, t) == 0.0
    assert math.isclose(tm.rmse_vec(t, e), math.sqrt(skm.mean_squared_error(t, e)), rel_tol=1e-9)
