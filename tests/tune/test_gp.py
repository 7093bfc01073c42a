"""The Gaussian process of tune_bayes: encoding, fit, prediction and leave-one-out checks."""

import numpy as np
import pandas as pd
import pytest
from scipy import linalg

import pytidy as tm
from pytidy.tune._gp import GP_THRESHOLD, _matern32, dissim_sample, encode_set, fit_gp, gp_predict


def test_encode_set_uses_transformed_range_and_dummies():
    ps = tm.parameters(tm.penalty(), tm.mixture(), tm.weight_func(values=["a", "b", "c"]))
    x = pd.DataFrame({"penalty": [1e-10, 1e-5, 1.0], "mixture": [0.0, 0.25, 1.0], "weight_func": ["a", "c", "b"]})
    got = encode_set(x, ps)
    np.testing.assert_allclose(got[:, 0], [0.0, 0.5, 1.0])  # log10 scale over (-10, 0)
    np.testing.assert_allclose(got[:, 1], [0.0, 0.25, 1.0])
    np.testing.assert_array_equal(got[:, 2:], [[1, 0, 0], [0, 0, 1], [0, 1, 0]])


def _data(n=12, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n, 2))
    y = np.sin(4 * x[:, 0]) + x[:, 1] ** 2
    return x, y


def test_mean_matches_scikit_learn_with_the_same_kernel():
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import Matern

    x, y = _data()
    fit = fit_gp(x, y, np.random.default_rng(1))
    new = np.random.default_rng(2).uniform(size=(7, 2))
    mean, sd = gp_predict(fit, new)
    kernel = Matern(length_scale=fit.scale, nu=1.5, length_scale_bounds="fixed")
    sk = GaussianProcessRegressor(kernel=kernel, alpha=1e-6, optimizer=None).fit(x, y - fit.mu)
    sk_mean, sk_sd = sk.predict(new, return_std=True)
    np.testing.assert_allclose(mean, sk_mean + fit.mu, rtol=1e-6, atol=1e-8)
    # pytidy adds the uncertainty of the estimated constant mean, so its sd is at least sklearn's (scaled)
    assert np.all(sd + 1e-9 >= np.sqrt(fit.sigma2) * sk_sd)


def test_interpolates_and_loo_equals_refitting():
    x, y = _data()
    fit = fit_gp(x, y, np.random.default_rng(1))
    mean, sd = gp_predict(fit, x)
    np.testing.assert_allclose(mean, y, atol=1e-3)
    assert sd.max() < 0.05
    # leave-one-out residuals by brute force with the same hyperparameters and mean
    errs = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        k = _matern32(x[keep], x[keep], fit.scale) + 1e-6 * np.eye(keep.sum())
        ks = _matern32(x[[i]], x[keep], fit.scale)
        errs.append(y[i] - (fit.mu + ks @ linalg.solve(k, y[keep] - fit.mu))[0])
    rsq = 1 - np.sum(np.square(errs)) / np.sum((y - y.mean()) ** 2)
    assert fit.loo_rsq == pytest.approx(rsq, rel=1e-6)
    assert fit.use == (fit.loo_rsq > GP_THRESHOLD and fit.loo_coverage >= GP_THRESHOLD)


def test_unusable_fits():
    x, _ = _data()
    flat = fit_gp(x, np.ones(len(x)), np.random.default_rng(1))
    assert not flat.use and "constant outcome" in flat.error
    noise = fit_gp(x, np.random.default_rng(5).normal(size=len(x)), np.random.default_rng(1))
    assert not noise.use  # pure noise has no leave-one-out skill


def test_same_seed_same_fit():
    x, y = _data()
    a, b = fit_gp(x, y, np.random.default_rng(3)), fit_gp(x, y, np.random.default_rng(3))
    np.testing.assert_array_equal(a.scale, b.scale)


def test_dissim_sample_picks_the_farthest_point():
    existing = np.array([[0.0, 0.0], [0.1, 0.1]])
    cands = np.array([[0.2, 0.2], [1.0, 1.0], [0.5, 0.5]])
    assert dissim_sample(existing, cands) == 1
