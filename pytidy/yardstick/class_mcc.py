"""Matthews correlation coefficient (R: ``yardstick/R/class-mcc.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .metric import new_class_metric


def _mcc_table(table: np.ndarray, estimator: str, event_level: str) -> float:
    if estimator == "binary":
        tp, tn = table[0, 0], table[1, 1]
        fp, fn = table[0, 1], table[1, 0]
        d = np.array([tp + fp, tp + fn, tn + fp, tn + fn], dtype=np.float64)
        if np.any(d == 0):
            return float("nan")
        return float((tp * tn - fp * fn) / np.sqrt(np.prod(d)))
    # Gorodkin's multiclass R_K: c*s - sum(p_k t_k) over sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2)).
    s = table.sum()
    c = np.trace(table)
    p = table.sum(axis=1)
    t = table.sum(axis=0)
    denom = np.sqrt((s * s - p @ p) * (s * s - t @ t))
    if denom == 0:
        return float("nan")
    return float((c * s - p @ t) / denom)


def mcc_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
            estimator: str | None = None, event_level: str = "first") -> float:
    """Matthews correlation coefficient, the correlation between true and predicted classes.

    Same value for either event level; reports ``"binary"`` or ``"multiclass"`` (Gorodkin's
    generalisation for more than two classes). Computed in floating point, so large counts do not
    overflow (R issue #108).

    Parameters
    ----------
    truth, estimate, na_rm, case_weights, estimator, event_level
        As in :func:`accuracy_vec`.

    Returns
    -------
    float
        In [-1, 1]; NaN when a margin of the table is 0.

    Examples
    --------
    >>> round(mcc_vec(["x", "x", "y"], ["x", "y", "x"], case_weights=[1, 10, 2]), 9)
    -0.778498944
    """
    return mcc.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights, estimator=estimator,
                   event_level=event_level)


mcc = new_class_metric(_mcc_table, "mcc", "maximize", (-1.0, 1.0), estimator_policy="fixed")
