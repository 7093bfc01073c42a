"""Negative predictive value, from sensitivity, specificity and prevalence (R: ``class-npv.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._class_helpers import average, pos, prevalence_multiclass, recall_binary, recall_multiclass, spec_binary, spec_multiclass
from .metric import new_class_metric

__all__ = ['npv', 'npv_vec']


def _npv_table(table, estimator, event_level, prevalence=None):
    if estimator == "binary":
        ev = pos(event_level)
        prev = table[:, ev].sum() / table.sum() if prevalence is None else prevalence
        sens, spec = recall_binary(table, ev, "npv"), spec_binary(table, ev, "npv")
        denom = (1 - sens) * prev + spec * (1 - prev)
        return float(spec * (1 - prev) / denom) if denom > 0 else float("nan")
    prev = prevalence_multiclass(table, estimator) if prevalence is None else prevalence
    sens, spec = recall_multiclass(table, estimator, "npv"), spec_multiclass(table, estimator, "npv")
    numer = spec * (1 - prev)
    denom = (1 - sens) * prev + spec * (1 - prev)
    denom = np.where(denom <= 0, np.nan, denom)
    return average(table, estimator, numer / denom, na_rm=False)


def npv_vec(truth: Any, estimate: Any, *, prevalence: Any = None, estimator: str | None = None, na_rm: bool = True,
            event_level: str = "first", case_weights: Any = None) -> float:
    """Negative predictive value, from sensitivity, specificity and prevalence.

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
    >>> npv_vec(["a", "a", "b", "b"], ["a", "a", "a", "b"])
    1.0
    """
    return npv.vec(truth, estimate, prevalence=prevalence, estimator=estimator, na_rm=na_rm, event_level=event_level,
                   case_weights=case_weights)


npv = new_class_metric(_npv_table, "npv", "maximize", (0.0, 1.0), option_names=('prevalence',))
