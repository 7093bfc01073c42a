"""Mean absolute percentage error, in percent (R: ``yardstick/R/num-mape.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean
from .metric import new_numeric_metric


def _mape(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * wmean(np.abs((t - e) / t), w)


def mape_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
             estimator: str | None = None, event_level: str = "first") -> float:
    """Mean absolute percentage error, in percent.

    A truth of 0 gives ``inf``, as in R.

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
    >>> mape_vec([1.0, 2.0, 4.0], [1.5, 2.0, 3.0])
    25.0
    """
    return mape.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


mape = new_numeric_metric(_mape, "mape", "minimize", (0.0, math.inf))
