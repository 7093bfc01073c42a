"""Mean percentage error, in percent (a measure of bias; best at 0) (R: ``yardstick/R/num-mpe.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean
from .metric import new_numeric_metric


def _mpe(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * wmean((t - e) / t, w)


def mpe_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Mean percentage error, in percent (a measure of bias; best at 0).

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
    >>> mpe_vec([1.0, 2.0, 4.0], [1.5, 2.0, 3.0])
    -8.333
    """
    return mpe.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


mpe = new_numeric_metric(_mpe, "mpe", "zero", (-math.inf, math.inf))
