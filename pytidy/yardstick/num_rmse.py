"""Root mean squared error (R: ``yardstick/R/num-rmse.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import NAN, sum_sq_diff, wmean
from .metric import new_numeric_metric


def _rmse(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    if w is None:
        return math.sqrt(sum_sq_diff(t, e) / t.size) if t.size else NAN
    d = t - e
    return math.sqrt(wmean(d * d, w))


def rmse_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
             estimator: str | None = None, event_level: str = "first") -> float:
    """Root mean squared error.

    Cross-checked with scikit-learn's ``root_mean_squared_error``.

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
    >>> rmse_vec([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    1.1547005383792515
    """
    return rmse.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


rmse = new_numeric_metric(_rmse, "rmse", "minimize", (0.0, math.inf))
