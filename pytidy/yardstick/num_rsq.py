"""R squared, the squared correlation of truth and estimate (R: ``yardstick/R/num-rsq.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wcor
from .metric import new_numeric_metric


def _rsq(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    r = wcor(t, e, w, "rsq")
    return r * r


def rsq_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """R squared, the squared correlation of truth and estimate.

    Not the traditional ``1 - SSE/SST`` (see :func:`rsq_trad_vec`); R: ``rsq()`` uses ``cor()^2``.

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
    >>> round(rsq_vec([1.0, 2.0, 3.0, 4.0], [1.1, 1.9, 3.2, 3.8]), 6)
    0.981778
    """
    return rsq.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


rsq = new_numeric_metric(_rsq, "rsq", "maximize", (0.0, 1.0))
