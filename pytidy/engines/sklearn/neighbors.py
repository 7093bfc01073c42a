"""``nearest_neighbor(engine="sklearn")``: weighted k nearest neighbours as R's kknn computes them.

The neighbour search is scikit-learn's ``NearestNeighbors`` (Minkowski distance, ``dist_power``
= ``p``); the weighting follows kknn (parsnip's default engine), so every kknn kernel works:

* predictors: factors become one indicator per level (kknn's ``contr.dummy``); with ``scale=True``
  (kknn's default) each column is divided by its standard deviation, the indicators of one factor by
  the root mean of their variances, and each indicator counts ``1 / (number of levels)`` in the
  distance; constant columns are ignored.
* the ``k + 1`` nearest training rows are found; distances are divided by the ``(k+1)``-th one
  and clipped to ``[1e-6, 1 - 1e-6]``; the kernel (``weight_func``: "rectangular", "triangular",
  "epanechnikov", "biweight", "triweight", "cos", "inv", "gaussian", "rank", "optimal") turns them
  into weights; "optimal" uses Samworth's rank weights with ``d`` = the number of predictors.
* regression: the weighted mean of the k neighbours' outcomes; classification: class
  probabilities are the normalised class weights, and the class is the most probable one (ties:
  the first level; for "rectangular", the tied class whose members are nearest, as kknn).

Defaults are kknn's as parsnip calls it: ``neighbors = 5`` (capped at n - 5, parsnip's
``min_rows(neighbors, data, 5)``), ``weight_func = "optimal"``, ``dist_power = 2``. Ties in the
neighbour order may be broken differently from kknn's C code.
"""

from __future__ import annotations

import warnings
from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats

from ...errors import InvalidParameterError, PytidyWarning
from ._common import Encoder, complete_rows, levels_of, outcome_labels, sklearn_module

__all__ = ["fit_knn", "KknnFit", "KKNN_KERNELS", "kknn_weights", "optimal_kernel"]

KKNN_KERNELS = ("rectangular", "triangular", "epanechnikov", "biweight", "triweight", "cos", "inv",
                "gaussian", "rank", "optimal")


def optimal_kernel(k: int, d: int) -> np.ndarray:
    """kknn's ``optKernel(k, d)``: Samworth's optimal weights of the 1st..k-th neighbour.

    Examples
    --------
    >>> optimal_kernel(3, 1).round(4).tolist()  # R: kknn:::optKernel(3, 1); the weights sum to 1
    [0.4815, 0.3704, 0.1481]
    """
    i = np.arange(1, k + 1, dtype=float)
    return (1 + d / 2 - d / (2 * k ** (2 / d)) * (i ** (1 + 2 / d) - (i - 1) ** (1 + 2 / d))) / k


def kknn_weights(dist: np.ndarray, kernel: str, d: int) -> np.ndarray:
    """Weights of the k nearest neighbours from the ``k + 1`` nearest distances (kknn's rules).

    Examples
    --------
    >>> kknn_weights(np.array([[1.0, 2.0, 4.0]]), "triangular", d=1).tolist()
    [[0.75, 0.5]]
    """
    n, k1 = dist.shape
    k = k1 - 1
    maxdist = np.maximum(dist[:, k], 1e-6)
    W = np.clip(dist[:, :k] / maxdist[:, None], 1e-6, 1 - 1e-6)
    if kernel == "rectangular":
        return np.ones((n, k))
    if kernel == "triangular":
        return 1 - W
    if kernel == "epanechnikov":
        return 0.75 * (1 - W**2)
    if kernel == "biweight":
        return stats.beta.pdf((W + 1) / 2, 3, 3)
    if kernel == "triweight":
        return stats.beta.pdf((W + 1) / 2, 4, 4)
    if kernel == "cos":
        return np.cos(W * np.pi / 2)
    if kernel == "inv":
        return 1 / W
    if kernel == "gaussian":
        return stats.norm.pdf(W * abs(stats.norm.ppf(1 / (2 * (k + 1)))))
    if kernel == "rank":
        return (k + 1) - stats.rankdata(dist[:, :k], axis=1)
    if kernel == "optimal":
        return np.tile(optimal_kernel(k, d), (n, 1))
    raise InvalidParameterError(
        f"`weight_func` in nearest_neighbor() must be one of {list(KKNN_KERNELS)}; got {kernel!r}."
    )


@frozen(eq=False)
class KknnFit:
    """The training rows (scaled as kknn), their outcomes and the neighbour index."""

    index: Any
    encoder: Encoder
    divisor: np.ndarray  # per column: sd / we^(1/p) (inf for ignored columns)
    y: np.ndarray  # outcome values, or level codes for classification
    levels: tuple[str, ...] | None
    k: int
    kernel: str
    d: int

    def _neighbours(self, x: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        X = self.encoder.matrix(x) / self.divisor
        ok = complete_rows(X)
        if ok.any():
            dist, idx = self.index.kneighbors(X[ok], n_neighbors=self.k + 1)
        else:
            dist, idx = np.empty((0, self.k + 1)), np.empty((0, self.k + 1), dtype=int)
        return ok, dist, idx

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        ok, dist, idx = self._neighbours(x)
        out = np.full(len(x), np.nan)
        W = kknn_weights(dist, self.kernel, self.d)
        out[ok] = (W * self.y[idx[:, : self.k]]).sum(axis=1) / np.maximum(W.sum(axis=1), 1e-6)
        return out

    @property
    def _class_levels(self) -> tuple[str, ...]:
        return cast(tuple[str, ...], self.levels)  # set by a classification fit, the only caller

    def _class_weights(self, x: pd.DataFrame):
        ok, dist, idx = self._neighbours(x)
        W = kknn_weights(dist, self.kernel, self.d)
        CL = self.y[idx[:, : self.k]]
        weight = np.stack([(W * (CL == c)).sum(axis=1) for c in range(len(self._class_levels))], axis=1)
        return ok, CL, weight / weight.sum(axis=1, keepdims=True)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        ok, _, prob = self._class_weights(x)
        out = np.full((len(x), len(self._class_levels)), np.nan)
        out[ok] = prob
        return out

    def predict_class(self, x: pd.DataFrame) -> np.ndarray:
        ok, CL, prob = self._class_weights(x)
        cls = np.argmax(prob, axis=1)
        if self.kernel == "rectangular" and self.k > 1:
            top = np.isclose(prob, prob.max(axis=1, keepdims=True))
            for i in np.flatnonzero(top.sum(axis=1) > 1):  # kknn: the tied class whose members are nearest
                last = [np.flatnonzero(CL[i] == c).max() if top[i, c] else self.k + 1
                        for c in range(len(self._class_levels))]
                cls[i] = int(np.argmin(last))
        out = np.full(len(x), None, dtype=object)
        out[ok] = np.asarray(self.levels, dtype=object)[cls]
        return out

    def __repr__(self) -> str:
        return f"Weighted k-nearest neighbours (k = {self.k}, kernel = {self.kernel!r})"


def fit_knn(x: pd.DataFrame, y: pd.Series, *, seed: int, n_neighbors: Any = 5, weights: Any = "optimal",
            p: Any = 2, scale: bool = True, **engine_args: Any) -> KknnFit:
    """Store the (scaled) training rows and build the neighbour index.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(10.0)})
    >>> f = fit_knn(x, pd.Series(x["a"] ** 2), seed=1, n_neighbors=3, weights="rectangular")
    >>> f.predict_numeric(pd.DataFrame({"a": [4.0]})).round(3).tolist()
    [16.667]
    """
    neighbors = sklearn_module("neighbors", "nearest_neighbor(engine='sklearn')")
    if weights not in KKNN_KERNELS:
        raise InvalidParameterError(
            f"`weight_func` in nearest_neighbor() must be one of {list(KKNN_KERNELS)}; got {weights!r}."
        )
    if not float(p) > 0:
        raise InvalidParameterError(f"`dist_power` in nearest_neighbor() must be positive; got {p!r}.")
    p = float(p)
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    yy = y.cat.codes.to_numpy() if classification else outcome_labels(y).astype(float)
    ok = complete_rows(X) & (yy >= 0 if classification else ~np.isnan(yy))
    X, yy = X[ok], yy[ok]
    n = len(X)
    k = int(n_neighbors)
    if k < 1:
        raise InvalidParameterError(f"`neighbors` in nearest_neighbor() must be at least 1; got {n_neighbors!r}.")
    if k > n - 5:
        new_k = max(n - 5, 1)
        warnings.warn(f"{k} neighbors were requested in nearest_neighbor() but there were {n} rows; "
                      f"{new_k} will be used (n - 5, as parsnip).", PytidyWarning, stacklevel=2)
        k = new_k
    k = min(k, n - 1)
    # kknn: one group of columns per predictor; sd = sqrt(mean variance) in the group; weight 1/size
    var = np.var(X, axis=0, ddof=1) if n > 1 else np.zeros(X.shape[1])
    sd, we, start = np.ones(X.shape[1]), np.ones(X.shape[1]), 0
    for col in enc.columns:
        width = len(enc.levels[col]) if col in enc.levels else 1
        block = slice(start, start + width)
        sd[block] = np.sqrt(np.mean(var[block]))
        we[block] = 1.0 / width
        start += width
    we[sd == 0] = 0.0
    sd[sd == 0] = 1.0
    if not scale:
        sd = np.ones_like(sd)
    with np.errstate(divide="ignore"):
        divisor = sd / we ** (1 / p)
    index = neighbors.NearestNeighbors(p=p, **engine_args).fit(X / divisor)
    return KknnFit(index, enc, divisor, yy, levels_of(y), k, str(weights), len(enc.columns))
