"""Ratio of performance to inter-quartile range, ``IQR(truth) / rmse`` (R: ``yardstick/R/num-rpiq.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean, wquantile
from .metric import new_numeric_metric


def _rpiq(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    q = wquantile(t, [0.25, 0.75], w)
    with np.errstate(divide="ignore", invalid="ignore"):  # R: a perfect fit gives Inf
        return float(np.float64(q[1] - q[0]) / np.sqrt(wmean((t - e) ** 2, w)))


def rpiq_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
             estimator: str | None = None, event_level: str = "first") -> float:
    """Ratio of performance to inter-quartile range, ``IQR(truth) / rmse``.

    Weighted quantiles follow R's weighted type-4 interpolation.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted numbers.
    na_rm : bool, default True
        Drop rows with a missing value; with False, a missing value gives NaN.
    case_weights : array-like, optional
        One non-negative weight per row.
    estimator, event_level
        Accepted for a uniform call and ignored; numeric metrics report ``"standard"``.

    Returns
    -------
    float

    Examples
    --------
    >>> round(rpiq_vec([1.0, 2.0, 3.0, 4.0], [1.1, 1.9, 3.2, 3.8]), 6)
    9.486833
    """
    return rpiq.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


rpiq = new_numeric_metric(_rpiq, "rpiq", "maximize", (0.0, math.inf))
