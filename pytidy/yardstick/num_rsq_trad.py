"""Traditional R squared, ``1 - SSE / SST`` (R: ``yardstick/R/num-rsq_trad.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._num_helpers import NAN, wmean
from .metric import new_numeric_metric


def _rsq_trad(t: np.ndarray, e: np.ndarray, w: np.ndarray | None) -> float:
    # R: weighted SS_res and SS_tot around the weighted mean (as scikit-learn's r2_score)
    if t.size == 0:
        return NAN
    ww = np.ones(t.size) if w is None else w
    mean = wmean(t, w)
    ss_res = float(ww @ (t - e) ** 2)
    ss_tot = float(ww @ (t - mean) ** 2)
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else NAN


def rsq_trad_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
                 estimator: str | None = None, event_level: str = "first") -> float:
    """Traditional R squared, ``1 - SSE / SST``.

    Cross-checked with scikit-learn's ``r2_score``.

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
    >>> round(rsq_trad_vec([1.0, 2.0, 3.0, 4.0], [1.1, 1.9, 3.2, 3.8]), 6)
    0.98
    """
    return rsq_trad.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


rsq_trad = new_numeric_metric(_rsq_trad, "rsq_trad", "maximize", (-math.inf, 1.0))
