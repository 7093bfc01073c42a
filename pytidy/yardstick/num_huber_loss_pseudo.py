"""Pseudo-Huber loss, a smooth Huber loss (R: ``yardstick/R/num-huber_loss_pseudo.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import check_number
from ._num_helpers import wmean
from .metric import new_numeric_metric


def _huber_loss_pseudo(t: np.ndarray, e: np.ndarray, w: np.ndarray | None, delta=1.0) -> float:
    check_number(delta, "delta", "huber_loss_pseudo()", lower=0)
    a = t - e
    return wmean(delta**2 * (np.sqrt(1.0 + (a / delta) ** 2) - 1.0), w)


def huber_loss_pseudo_vec(truth: Any, estimate: Any, *, delta: Any = 1.0, na_rm: bool = True, case_weights: Any = None,
                          estimator: str | None = None, event_level: str = "first") -> float:
    """Pseudo-Huber loss, a smooth Huber loss.

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
    >>> round(huber_loss_pseudo_vec([1.0, 2.0, 4.0], [1.5, 2.0, 1.0]), 6)
    0.760104
    """
    return huber_loss_pseudo.vec(truth, estimate, delta=delta, na_rm=na_rm, case_weights=case_weights)


huber_loss_pseudo = new_numeric_metric(_huber_loss_pseudo, "huber_loss_pseudo", "minimize", (0.0, math.inf), option_names=('delta',))

#: Alias of :data:`huber_loss_pseudo` (R's older name ``pseudo_huber_loss()``).
pseudo_huber_loss = new_numeric_metric(_huber_loss_pseudo, "pseudo_huber_loss", "minimize", (0.0, math.inf),
                                       option_names=("delta",))


def pseudo_huber_loss_vec(truth: Any, estimate: Any, **kwargs: Any) -> float:
    """Alias of :func:`huber_loss_pseudo_vec` (R: ``pseudo_huber_loss_vec()``).

    Examples
    --------
    >>> round(pseudo_huber_loss_vec([1.0, 2.0, 4.0], [1.5, 2.0, 1.0]), 6)
    0.760104
    """
    return pseudo_huber_loss.vec(truth, estimate, **kwargs)
