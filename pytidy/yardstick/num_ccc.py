"""Concordance correlation coefficient (R: ``yardstick/R/num-ccc.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import check_bool
from ._num_helpers import wmean, wcov
from .metric import new_numeric_metric


def _ccc(t: np.ndarray, e: np.ndarray, w: np.ndarray | None, bias=False) -> float:
    check_bool(bias, "bias", "ccc()")
    n = w.sum() if w is not None else t.size
    mt, me = wmean(t, w), wmean(e, w)
    vt, ve, cv = wcov(t, t, w), wcov(e, e, w), wcov(t, e, w)
    if bias:
        f = (n - 1) / n
        vt, ve, cv = vt * f, ve * f, cv * f
    return 2.0 * cv / (vt + ve + (mt - me) ** 2)


def ccc_vec(truth: Any, estimate: Any, *, bias: Any = False, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Concordance correlation coefficient.

    ``bias=True`` uses n instead of n - 1 in the variances (R: ``bias = FALSE`` default).

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted numbers.
    bias : bool, default False
        Use the biased (n) variance estimates.
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
    >>> round(ccc_vec([1.0, 2.0, 3.0, 4.0], [1.1, 1.9, 3.2, 3.8]), 6)
    0.989474
    """
    return ccc.vec(truth, estimate, bias=bias, na_rm=na_rm, case_weights=case_weights)


ccc = new_numeric_metric(_ccc, "ccc", "maximize", (-1.0, 1.0), option_names=('bias',))
