"""Ratio of performance to deviation, ``sd(truth) / rmse`` (R: ``yardstick/R/num-rpd.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean, wcov
from .metric import new_numeric_metric


def _rpd(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):  # R: a perfect fit gives Inf
        return float(np.float64(math.sqrt(wcov(t, t, w))) / np.sqrt(wmean((t - e) ** 2, w)))


def rpd_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Ratio of performance to deviation, ``sd(truth) / rmse``.

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
    >>> round(rpd_vec([1.0, 2.0, 3.0, 4.0], [1.1, 1.9, 3.2, 3.8]), 6)
    8.164966
    """
    return rpd.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


rpd = new_numeric_metric(_rpd, "rpd", "maximize", (0.0, math.inf))
