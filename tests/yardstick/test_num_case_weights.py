"""Numeric metrics with case weights against scikit-learn's sample_weight (closes mutation ys-mae)."""

import numpy as np
import pytest
from sklearn import metrics as skm

import pytidy as tm


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    truth = rng.normal(10, 3, 200)
    estimate = truth + rng.normal(0, 2, 200)
    w = rng.integers(1, 6, 200).astype(float)
    return truth, estimate, w


@pytest.mark.parametrize("name,reference", [
    ("mae", skm.mean_absolute_error),
    ("rmse", skm.root_mean_squared_error),
    ("rsq_trad", skm.r2_score),
    ("mape", lambda t, e, sample_weight: 100 * skm.mean_absolute_percentage_error(t, e, sample_weight=sample_weight)),
])
def test_weighted_numeric_metric_matches_sklearn(data, name, reference):
    truth, estimate, w = data
    vec = getattr(tm, f"{name}_vec")
    assert vec(truth, estimate, case_weights=w) == pytest.approx(reference(truth, estimate, sample_weight=w), rel=1e-10)
    # the weights matter: the unweighted value differs
    assert vec(truth, estimate) != pytest.approx(vec(truth, estimate, case_weights=w), rel=1e-6)
