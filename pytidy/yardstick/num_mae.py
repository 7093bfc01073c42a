"""Mean absolute error (R: ``yardstick/R/num-mae.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean
from .metric import new_numeric_metric


def _mae(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    return wmean(np.abs(t - e), w)


def mae_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Mean absolute error.

    Cross-checked with scikit-learn's ``mean_absolute_error``.

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
    >>> mae_vec([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    0.6666666666666666
    """
    return mae.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


mae = new_numeric_metric(_mae, "mae", "minimize", (0.0, math.inf))
