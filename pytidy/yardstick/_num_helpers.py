"""Weighted moments the numeric metrics share (R: ``yardstick_mean/var/cov/cor/quantile`` in misc.R)."""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import PytidyWarning

NAN = float("nan")


def wmean(x: np.ndarray, w: np.ndarray | None) -> float:
    if x.size == 0:
        return NAN
    return float(x.mean()) if w is None else float((x @ w) / w.sum())


def wcov(x: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> float:
    """Unbiased weighted covariance, as ``stats::cov.wt(method = "unbiased")``."""
    if x.size < 2:
        return NAN
    wn = np.full(x.size, 1.0 / x.size) if w is None else w / w.sum()
    mx, my = wn @ x, wn @ y
    return float((wn * (x - mx)) @ (y - my) / (1.0 - wn @ wn))


def wcor(x: np.ndarray, y: np.ndarray, w: np.ndarray | None, metric: str) -> float:
    """Weighted Pearson correlation; NaN with a warning for fewer than 2 rows or a constant input."""
    if x.size < 2:
        warnings.warn(f"{metric}(): a correlation needs at least 2 rows; returning NaN.",
                      PytidyWarning, stacklevel=4)
        return NAN
    for name, v in (("truth", x), ("estimate", y)):
        if np.all(v == v[0]):
            warnings.warn(f"{metric}(): `{name}` is constant, so the correlation is undefined; returning NaN.",
                          PytidyWarning, stacklevel=4)
            return NAN
    return wcov(x, y, w) / np.sqrt(wcov(x, x, w) * wcov(y, y, w))


def wquantile(x: np.ndarray, probs: list[float], w: np.ndarray | None) -> np.ndarray:
    """``quantile(type = 7)`` without weights; with weights R's weighted type-4 interpolation."""
    if x.size == 0:
        return np.full(len(probs), np.nan)
    if w is None:
        return np.quantile(x, probs)
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    cdf = np.cumsum(ws) / ws.sum()
    return np.interp(probs, cdf, xs)


_CHUNK = 1 << 16


def sum_sq_diff(t: np.ndarray, e: np.ndarray) -> float:
    """``sum((t - e)^2)`` in cache-sized chunks: no n-sized temporary, one pass over the data."""
    n = t.size
    if n <= _CHUNK:
        d = t - e
        return float(d @ d)
    buf = np.empty(_CHUNK)
    total = 0.0
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        d = np.subtract(t[start:stop], e[start:stop], out=buf[: stop - start])
        total += float(np.einsum("i,i->", d, d))  # no BLAS thread start-up per chunk
    return total
