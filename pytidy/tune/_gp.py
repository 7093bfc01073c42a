"""The Gaussian process of :func:`tune_bayes` (R: tune ``R/gp_helpers.R``, ``encode_set``).

Parameters are put on their dials-transformed scale and mapped to [0, 1] over their *possible*
range (``encode_unit``), as tune's ``encode_set`` does; a qualitative parameter becomes one 0/1
column per level (tune >= 2 uses GauPro's factor kernel instead; the dummy encoding is what
tune's GPfit-based versions did). The model is a constant-mean GP with a Matern 3/2 kernel
(GauPro's ``k_Matern32``, tune's current kernel), one length scale per column, a fixed nugget
of 1e-6 (``nug.est = FALSE``) and the process variance profiled out, fitted by maximum likelihood
from 5 restarts. As tune, the fit is only used when its leave-one-out R^2 exceeds 10% and its
leave-one-out 95% coverage is at least 10%.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import field, frozen
from scipy import linalg, optimize

from ..dials import QualParam, encode_unit, value_transform

__all__ = ["encode_set", "GPFit", "fit_gp", "gp_predict", "dissim_sample", "GP_THRESHOLD"]

GP_THRESHOLD = 0.1
_NUGGET = 1e-6
_SQRT3 = np.sqrt(3.0)


def encode_set(x: pd.DataFrame, pset: Any) -> np.ndarray:
    """Parameter values -> a numeric matrix on [0, 1] (R: ``encode_set(..., as_matrix = TRUE)``).

    Quantitative: transform (e.g. log10), then ``(value - lower) / (upper - lower)``.
    Qualitative: one indicator column per possible value, in the parameter's order.

    Examples
    --------
    >>> from pytidy.dials import parameters, penalty, mixture
    >>> ps = parameters(penalty(), mixture())
    >>> encode_set(pd.DataFrame({"penalty": [1e-10, 1.0], "mixture": [0.0, 0.5]}), ps).tolist()
    [[0.0, 0.0], [1.0, 0.5]]
    """
    cols: list[np.ndarray] = []
    for pid, obj in zip(pset.ids, pset.objects):
        values = x[pid]
        if isinstance(obj, QualParam):
            vals = list(values)
            for level in obj.values:
                cols.append(np.array([1.0 if v == level else 0.0 for v in vals]))
        else:
            t = value_transform(obj, values.to_numpy(dtype=float))
            cols.append(np.asarray(encode_unit(obj, t, "forward"), dtype=float))
    return np.column_stack(cols) if cols else np.empty((len(x), 0))


def _matern32(a: np.ndarray, b: np.ndarray, scale: np.ndarray) -> np.ndarray:
    d = (a[:, None, :] - b[None, :, :]) / scale
    r = np.sqrt(np.maximum((d**2).sum(axis=-1), 0.0))
    return (1.0 + _SQRT3 * r) * np.exp(-_SQRT3 * r)


@frozen(eq=False)
class GPFit:
    """A fitted GP: training inputs, length scales, and the quantities prediction needs."""

    x: np.ndarray
    y: np.ndarray
    scale: np.ndarray
    mu: float
    sigma2: float
    chol: Any = field(repr=False)
    alpha: np.ndarray = field(repr=False)
    loo_rsq: float = 0.0
    loo_coverage: float = 0.0
    use: bool = False
    error: str | None = None


def _profile(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, Any]]:
    """Negative concentrated log likelihood for log length scales ``theta`` (constant mean by GLS)."""
    n = len(y)
    scale = np.exp(theta)
    k = _matern32(x, x, scale) + _NUGGET * np.eye(n)
    try:
        c = linalg.cho_factor(k, lower=True)
    except linalg.LinAlgError:
        return 1e25, {}
    one = np.ones(n)
    ki1 = linalg.cho_solve(c, one)
    kiy = linalg.cho_solve(c, y)
    mu = float(one @ kiy) / float(one @ ki1)
    resid = y - mu
    alpha = linalg.cho_solve(c, resid)
    sigma2 = max(float(resid @ alpha) / n, 1e-300)
    logdet = 2.0 * np.log(np.diag(c[0])).sum()
    nll = 0.5 * (n * np.log(sigma2) + logdet)
    return float(nll), {"scale": scale, "mu": mu, "sigma2": sigma2, "chol": c, "alpha": alpha, "k": k}


def fit_gp(x: np.ndarray, y: np.ndarray, rng: np.random.Generator, restarts: int = 5) -> GPFit:
    """Fit the GP to encoded points ``x`` and outcome ``y`` (R: ``fit_gp``, GauPro ``restarts = 5``)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n, p = x.shape
    if n < 2 or p == 0 or np.all(y == y[0]):
        reason = "fewer than 2 points" if n < 2 else ("no parameters" if p == 0 else "a constant outcome")
        return GPFit(x=x, y=y, scale=np.ones(p), mu=float(np.mean(y)) if n else 0.0, sigma2=1.0, chol=None,
                     alpha=np.zeros(n), error=f"the GP cannot be fit to {reason}")
    bounds = [(np.log(1e-3), np.log(1e2))] * p
    starts = [np.full(p, np.log(0.5))] + [cast(np.ndarray, rng.uniform(np.log(0.05), np.log(2.0), size=p))
                                          for _ in range(restarts)]  # size=p: an array
    best_val = np.inf
    best_theta: np.ndarray = starts[0]
    for s in starts:
        try:
            res = optimize.minimize(lambda t: _profile(t, x, y)[0], s, method="L-BFGS-B", bounds=bounds)
        except (ValueError, FloatingPointError):  # pragma: no cover - numerical failure of one restart
            continue
        if res.fun < best_val:
            best_val, best_theta = float(res.fun), res.x
    val, parts = _profile(best_theta, x, y)
    if not parts:
        return GPFit(x=x, y=y, scale=np.ones(p), mu=float(np.mean(y)), sigma2=1.0, chol=None, alpha=np.zeros(n),
                     error="the kernel matrix is not positive definite")
    # leave-one-out residuals and variances in closed form (hyperparameters and mean held fixed)
    kinv = linalg.cho_solve(parts["chol"], np.eye(n))
    diag = np.diag(kinv)
    loo_err = parts["alpha"] / diag
    loo_sd = np.sqrt(parts["sigma2"] / diag)
    sst = float(((y - y.mean()) ** 2).sum())
    rsq = 1.0 - float((loo_err**2).sum()) / sst if sst > 0 else 0.0
    coverage = float(np.mean(np.abs(loo_err) <= 1.959964 * loo_sd))
    use = coverage >= GP_THRESHOLD and rsq > GP_THRESHOLD
    return GPFit(x=x, y=y, scale=parts["scale"], mu=parts["mu"], sigma2=parts["sigma2"], chol=parts["chol"],
                 alpha=parts["alpha"], loo_rsq=rsq, loo_coverage=coverage, use=use)


def gp_predict(fit: GPFit, new_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Predicted mean and standard deviation at encoded points (universal-kriging variance)."""
    ks = _matern32(np.asarray(new_x, dtype=float), fit.x, fit.scale)
    mean = fit.mu + ks @ fit.alpha
    v = linalg.cho_solve(fit.chol, ks.T)
    one = np.ones(len(fit.y))
    ki1 = linalg.cho_solve(fit.chol, one)
    u = 1.0 - ks @ ki1
    var = fit.sigma2 * (1.0 + _NUGGET - np.einsum("ij,ji->i", ks, v) + u**2 / float(one @ ki1))
    return mean, np.sqrt(np.maximum(var, 0.0))


def dissim_sample(existing: np.ndarray, candidates: np.ndarray) -> int:
    """The candidate farthest from the existing points (largest nearest distance; R: ``dissim_sample``)."""
    d = np.sqrt(((candidates[:, None, :] - existing[None, :, :]) ** 2).sum(axis=-1))
    d = np.where(d > 0, d, np.inf)
    nearest = d.min(axis=1)
    nearest = np.where(np.isinf(nearest), -np.inf, nearest)
    return int(np.argmax(nearest))
