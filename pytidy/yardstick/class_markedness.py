"""Markedness, ``precision + inverse precision - 1`` (R: ``class-markedness.R``)."""

from __future__ import annotations

from typing import Any

from ._class_helpers import average, inverse_precision_binary, inverse_precision_multiclass, pos, precision_binary, precision_multiclass
from .metric import new_class_metric

__all__ = ['markedness', 'markedness_vec']


def _markedness_table(table, estimator, event_level):
    if estimator == "binary":
        ev = pos(event_level)
        return precision_binary(table, ev, "markedness") + inverse_precision_binary(table, ev) - 1.0
    values = (precision_multiclass(table, estimator, "markedness")
              + inverse_precision_multiclass(table, estimator) - 1.0)
    return average(table, estimator, values)


def markedness_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                   event_level: str = "first", case_weights: Any = None) -> float:
    """Markedness, ``precision + inverse precision - 1``.

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
    >>> markedness_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.666...
    """
    return markedness.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                          case_weights=case_weights)


markedness = new_class_metric(_markedness_table, "markedness", "maximize", (-1.0, 1.0))
