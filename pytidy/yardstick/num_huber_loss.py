"""Huber loss: squared error below ``delta``, linear above (R: ``yardstick/R/num-huber_loss.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import check_number
from ._num_helpers import wmean
from .metric import new_numeric_metric


def _huber_loss(t: np.ndarray, e: np.ndarray, w: np.ndarray | None, delta=1.0) -> float:
    check_number(delta, "delta", "huber_loss()", lower=0)
    a = np.abs(t - e)
    loss = np.where(a <= delta, 0.5 * a * a, delta * (a - 0.5 * delta))
    return wmean(loss, w)


def huber_loss_vec(truth: Any, estimate: Any, *, delta: Any = 1.0, na_rm: bool = True, case_weights: Any = None,
                   estimator: str | None = None, event_level: str = "first") -> float:
    """Huber loss: squared error below ``delta``, linear above.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted numbers.
    delta : float, default 1
        The point where the loss changes from quadratic to linear.
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
    >>> huber_loss_vec([1.0, 2.0, 4.0], [1.5, 2.0, 1.0])
    0.875
    """
    return huber_loss.vec(truth, estimate, delta=delta, na_rm=na_rm, case_weights=case_weights)


huber_loss = new_numeric_metric(_huber_loss, "huber_loss", "minimize", (0.0, math.inf), option_names=('delta',))
