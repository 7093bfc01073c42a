"""Mean squared error (R: ``yardstick/R/num-mse.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import NAN, sum_sq_diff, wmean
from .metric import new_numeric_metric


def _mse(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    if w is None:
        return sum_sq_diff(t, e) / t.size if t.size else NAN
    d = t - e
    return wmean(d * d, w)


def mse_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Mean squared error.

    Cross-checked with scikit-learn's ``mean_squared_error``.

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
    >>> mse_vec([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    1.3333333333333333
    """
    return mse.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


mse = new_numeric_metric(_mse, "mse", "minimize", (0.0, math.inf))
