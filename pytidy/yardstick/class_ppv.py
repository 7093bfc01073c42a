"""Positive predictive value, from sensitivity, specificity and prevalence (R: ``class-ppv.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._class_helpers import average, pos, prevalence_multiclass, recall_binary, recall_multiclass, spec_binary, spec_multiclass
from .metric import new_class_metric

__all__ = ['ppv', 'ppv_vec']


def _ppv_table(table, estimator, event_level, prevalence=None):
    if estimator == "binary":
        ev = pos(event_level)
        prev = table[:, ev].sum() / table.sum() if prevalence is None else prevalence
        sens, spec = recall_binary(table, ev, "ppv"), spec_binary(table, ev, "ppv")
        denom = sens * prev + (1 - spec) * (1 - prev)
        return float(sens * prev / denom) if denom > 0 else float("nan")
    prev = prevalence_multiclass(table, estimator) if prevalence is None else prevalence
    sens, spec = recall_multiclass(table, estimator, "ppv"), spec_multiclass(table, estimator, "ppv")
    numer = sens * prev
    denom = sens * prev + (1 - spec) * (1 - prev)
    denom = np.where(denom <= 0, np.nan, denom)
    return average(table, estimator, numer / denom, na_rm=False)


def ppv_vec(truth: Any, estimate: Any, *, prevalence: Any = None, estimator: str | None = None, na_rm: bool = True,
            event_level: str = "first", case_weights: Any = None) -> float:
    """Positive predictive value, from sensitivity, specificity and prevalence.

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
    prevalence : float, optional
        The population prevalence of the event; None uses the prevalence in ``truth``.

    Returns
    -------
    float
        NaN, with a warning, where the metric is undefined (a zero denominator); a macro average
        leaves such levels out, as R does.

    Examples
    --------
    >>> ppv_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    0.666...
    >>> round(ppv_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"], prevalence=0.1), 4)
    0.1818
    """
    return ppv.vec(truth, estimate, prevalence=prevalence, estimator=estimator, na_rm=na_rm, event_level=event_level,
                   case_weights=case_weights)


ppv = new_class_metric(_ppv_table, "ppv", "maximize", (0.0, 1.0), option_names=('prevalence',))
