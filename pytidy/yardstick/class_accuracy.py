"""Accuracy: the share of correct predictions (R: ``yardstick/R/class-accuracy.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .metric import new_class_metric


def _accuracy_table(table: np.ndarray, estimator: str, event_level: str) -> float:
    total = table.sum()
    return float(np.trace(table) / total) if total > 0 else float("nan")


def accuracy_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
                 estimator: str | None = None, event_level: str = "first") -> float:
    """Accuracy, the proportion of predictions equal to the truth.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted classes. A pandas categorical ``truth`` fixes the levels; otherwise the
        levels are the sorted unique values of both vectors.
    na_rm : bool, default True
        Drop rows with a missing value; with False, a missing value gives NaN.
    case_weights : array-like, optional
        One non-negative weight per row (frequency weights).
    estimator, event_level
        Accepted for a uniform call; accuracy is the same for every event level and always reports
        ``"binary"`` or ``"multiclass"`` (R: accuracy has no ``estimator`` argument).

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy_vec(["a", "b", "a", "a"], ["a", "b", "b", "a"])
    0.75
    >>> accuracy_vec(["x", "x", "y"], ["x", "y", "x"], case_weights=[1, 2, 1])
    0.25
    """
    return accuracy.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights, estimator=estimator,
                        event_level=event_level)


accuracy = new_class_metric(_accuracy_table, "accuracy", "maximize", (0.0, 1.0), estimator_policy="fixed")
