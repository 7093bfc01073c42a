"""mn_log_loss(sum=) with and without case weights against scikit-learn's log_loss."""

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import log_loss

import pytidy as tm


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    truth = pd.Categorical(rng.choice(["a", "b", "c"], 80), categories=["a", "b", "c"])
    probs = rng.dirichlet(np.ones(3), 80)
    w = rng.integers(1, 5, 80).astype(float)
    return truth, probs, w


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("total", [False, True])
def test_mn_log_loss_sum_and_weights_match_sklearn(data, weighted, total):
    truth, probs, w = data
    weights = w if weighted else None
    ref = log_loss(np.asarray(truth), probs, labels=["a", "b", "c"], sample_weight=weights, normalize=not total)
    got = tm.mn_log_loss_vec(truth, probs, sum=total, case_weights=weights)
    assert got == pytest.approx(ref, rel=1e-10)
