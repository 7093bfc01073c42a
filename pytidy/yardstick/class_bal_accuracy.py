"""Balanced accuracy, the mean of sensitivity and specificity (R: ``class-bal_accuracy.R``)."""

from __future__ import annotations

from typing import Any

from ._class_helpers import average, pos, recall_binary, recall_multiclass, spec_binary, spec_multiclass
from .metric import new_class_metric

__all__ = ['bal_accuracy', 'bal_accuracy_vec']


def _bal_accuracy_table(table, estimator, event_level):
    if estimator == "binary":
        ev = pos(event_level)
        return (recall_binary(table, ev, "bal_accuracy") + spec_binary(table, ev, "bal_accuracy")) / 2.0
    values = (recall_multiclass(table, estimator, "bal_accuracy")
              + spec_multiclass(table, estimator, "bal_accuracy")) / 2.0
    return average(table, estimator, values, na_rm=False)


def bal_accuracy_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                     event_level: str = "first", case_weights: Any = None) -> float:
    """Balanced accuracy, the mean of sensitivity and specificity.

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
    >>> bal_accuracy_vec(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.75
    """
    return bal_accuracy.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                            case_weights=case_weights)


bal_accuracy = new_class_metric(_bal_accuracy_table, "bal_accuracy", "maximize", (0.0, 1.0))
