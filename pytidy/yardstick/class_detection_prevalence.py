"""Detection prevalence: the share of predictions that are events (R: ``class-detection_prevalence.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._class_helpers import average, pos
from .metric import new_class_metric

__all__ = ['detection_prevalence', 'detection_prevalence_vec']


def _detection_prevalence_table(table, estimator, event_level):
    total = table.sum()
    if estimator == "binary":
        return float(table[pos(event_level), :].sum() / total) if total > 0 else float("nan")
    numer = table.sum(axis=1)
    denom = np.full(numer.size, total if total > 0 else np.nan)
    if estimator == "micro":
        numer, denom = np.array([numer.sum()]), np.array([denom.sum()])
    return average(table, estimator, numer / denom, na_rm=False)


def detection_prevalence_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                             event_level: str = "first", case_weights: Any = None) -> float:
    """Detection prevalence: the share of predictions that are events.

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

    Returns
    -------
    float
        NaN, with a warning, where the metric is undefined (a zero denominator); a macro average
        leaves such levels out, as R does.

    Examples
    --------
    >>> detection_prevalence_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.75
    """
    return detection_prevalence.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                                    case_weights=case_weights)


detection_prevalence = new_class_metric(_detection_prevalence_table, "detection_prevalence", "maximize", (0.0, 1.0))
