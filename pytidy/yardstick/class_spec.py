"""Specificity: the share of true non-events predicted as non-events (R: ``class-spec.R``)."""

from __future__ import annotations

from typing import Any

from ._class_helpers import average, pos, spec_binary, spec_multiclass
from .metric import new_class_metric

__all__ = ['spec', 'spec_vec', 'specificity', 'specificity_vec']


def _spec_table(table, estimator, event_level):
    if estimator == "binary":
        return spec_binary(table, pos(event_level))
    return average(table, estimator, spec_multiclass(table, estimator))


def spec_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
             event_level: str = "first", case_weights: Any = None) -> float:
    """Specificity: the share of true non-events predicted as non-events.

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
    >>> spec_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.5
    """
    return spec.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                    case_weights=case_weights)


spec = new_class_metric(_spec_table, "spec", "maximize", (0.0, 1.0))

#: Alias of :data:`spec` (R: ``specificity()``), reporting ``.metric`` "specificity".
specificity = new_class_metric(_spec_table, "specificity", "maximize", (0.0, 1.0))


def specificity_vec(truth: Any, estimate: Any, **kwargs: Any) -> float:
    """Alias of :func:`spec_vec` (R: ``specificity_vec()``).

    Examples
    --------
    >>> specificity_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.5
    """
    return specificity.vec(truth, estimate, **kwargs)
