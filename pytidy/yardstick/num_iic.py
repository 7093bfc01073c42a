"""Index of ideality of correlation (R: ``yardstick/R/num-iic.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean, wcor
from .metric import new_numeric_metric


def _iic(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    d = t - e
    neg = d < 0
    wn = None if w is None else w[neg]
    wp = None if w is None else w[~neg]
    mae_neg, mae_pos = wmean(np.abs(d[neg]), wn), wmean(np.abs(d[~neg]), wp)
    adjustment = min(mae_neg, mae_pos) / max(mae_neg, mae_pos)
    return wcor(t, e, w, "iic") * adjustment


def iic_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Index of ideality of correlation.

    The correlation scaled by the ratio of the mean absolute errors of over- and under-predictions (Toropova and Toropov 2017).

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
    >>> round(iic_vec([1.0, 2.0, 3.0], [2.0, 1.0, 1.0]), 6)  # R: -0.577350269189626
    -0.57735
    """
    return iic.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


iic = new_numeric_metric(_iic, "iic", "maximize", (-1.0, 1.0))
