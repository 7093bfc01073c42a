"""The F measure, a weighted harmonic mean of precision and recall (R: ``class-f_meas.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_number
from ._class_helpers import average, pos, precision_binary, precision_multiclass, recall_binary, recall_multiclass
from .metric import new_class_metric

__all__ = ['f_meas', 'f_meas_vec']


def _f_binary(p, r, beta):
    if p == 0 and r == 0:
        return 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def _f_meas_table(table, estimator, event_level, beta=1.0):
    check_number(beta, "beta", "f_meas()", lower=0, inclusive=(False, True))
    if estimator == "binary":
        ev = pos(event_level)
        return float(_f_binary(precision_binary(table, ev, "f_meas"), recall_binary(table, ev, "f_meas"), beta))
    p = precision_multiclass(table, estimator, "f_meas")
    r = recall_multiclass(table, estimator, "f_meas")
    with np.errstate(invalid="ignore", divide="ignore"):
        values = (1 + beta**2) * p * r / (beta**2 * p + r)
    values[(p == 0) & (r == 0)] = 0.0
    return average(table, estimator, values)


def f_meas_vec(truth: Any, estimate: Any, *, beta: Any = 1.0, estimator: str | None = None, na_rm: bool = True,
               event_level: str = "first", case_weights: Any = None) -> float:
    """The F measure, a weighted harmonic mean of precision and recall.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted classes. A pandas categorical ``truth`` fixes the levels; otherwise the
        levels are the sorted unique values of both vectors (so for 0/1 labels the event is 0).
    estimator : {None, "binary", "macro", "macro_weighted", "micro"}
        None gives "binary" for two levels and "macro" for more.
    na_rm : bool, default True
        Drop rows with a missing value; with False, a missing value gives NaN.
    event_level : {"first", "second"}, default "first"
        Which level is the event in the binary case (R: the first factor level).
    case_weights : array-like, optional
        One non-negative weight per row.
    beta : float, default 1
        Weight of recall relative to precision (beta > 1 favours recall).

    Returns
    -------
    float
        NaN, with a warning, where the metric is undefined (a zero denominator); a macro average
        leaves such levels out, as R does.

    Examples
    --------
    >>> f_meas_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.8
    >>> round(f_meas_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"], beta=2), 4)
    0.9091
    """
    return f_meas.vec(truth, estimate, beta=beta, estimator=estimator, na_rm=na_rm, event_level=event_level,
                      case_weights=case_weights)


f_meas = new_class_metric(_f_meas_table, "f_meas", "maximize", (0.0, 1.0), option_names=('beta',))
