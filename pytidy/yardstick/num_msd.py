"""Mean signed deviation, ``mean(truth - estimate)`` (best at 0) (R: ``yardstick/R/num-msd.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean
from .metric import new_numeric_metric


def _msd(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    return wmean(t - e, w)


def msd_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Mean signed deviation, ``mean(truth - estimate)`` (best at 0).

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
    >>> msd_vec([1.0, 2.0, 4.0], [1.5, 2.0, 3.0])
    0.16666666666666666
    """
    return msd.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


msd = new_numeric_metric(_msd, "msd", "zero", (-math.inf, math.inf))
