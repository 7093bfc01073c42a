"""Sensitivity: the share of true events predicted as events (R: ``class-sens.R``)."""

from __future__ import annotations

from typing import Any

from ._class_helpers import average, pos, recall_binary, recall_multiclass
from .metric import new_class_metric

__all__ = ['sens', 'sens_vec', 'sensitivity', 'sensitivity_vec']


def _sens_table(table, estimator, event_level):
    if estimator == "binary":
        return recall_binary(table, pos(event_level), "sens")
    return average(table, estimator, recall_multiclass(table, estimator, "sens"))


def sens_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
             event_level: str = "first", case_weights: Any = None) -> float:
    """Sensitivity: the share of true events predicted as events.

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
    >>> sens_vec(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.5
    """
    return sens.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                    case_weights=case_weights)


sens = new_class_metric(_sens_table, "sens", "maximize", (0.0, 1.0))

#: Alias of :data:`sens` (R: ``sensitivity()``), reporting ``.metric`` "sensitivity".
sensitivity = new_class_metric(_sens_table, "sensitivity", "maximize", (0.0, 1.0))


def sensitivity_vec(truth: Any, estimate: Any, **kwargs: Any) -> float:
    """Alias of :func:`sens_vec` (R: ``sensitivity_vec()``).

    Examples
    --------
    >>> sensitivity_vec(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.5
    """
    return sensitivity.vec(truth, estimate, **kwargs)
