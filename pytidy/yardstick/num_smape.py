"""Symmetric mean absolute percentage error, in percent (R: ``yardstick/R/num-smape.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import wmean
from .metric import new_numeric_metric


def _smape(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * wmean(np.abs(e - t) / ((np.abs(t) + np.abs(e)) / 2.0), w)


def smape_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
              estimator: str | None = None, event_level: str = "first") -> float:
    """Symmetric mean absolute percentage error, in percent.

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
    >>> round(smape_vec([1.0, 2.0, 4.0], [1.5, 2.0, 3.0]), 4)
    22.8571
    """
    return smape.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


smape = new_numeric_metric(_smape, "smape", "minimize", (0.0, 200.0))
