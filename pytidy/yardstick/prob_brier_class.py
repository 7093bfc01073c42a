"""Brier score for classification (R: ``yardstick/R/prob-brier_class.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._prob_helpers import event_mask
from .metric import new_prob_metric


def _brier_class(t, p, levels, estimator, event_level, w):
    if estimator == "binary":
        # sum over both classes of (y - p)^2, halved, is (y - p)^2
        row = (event_mask(t, event_level) - p) ** 2
    else:
        rows = np.arange(t.size)
        row = (np.einsum("ij,ij->i", p, p) - 2.0 * p[rows, t] + 1.0) / 2.0
    if row.size == 0:
        return float("nan")
    return float(row.mean() if w is None else (row @ w) / w.sum())


def brier_class_vec(truth: Any, estimate: Any, *, na_rm: bool = True, event_level: str = "first",
                    case_weights: Any = None, estimator: str | None = None) -> float:
    """Brier score: mean over rows of sum over classes of (indicator - probability)^2, halved.

    For two classes this is the mean squared difference between the event indicator and the event
    probability. Case weights give a weighted mean (R normalises the weights differently; with
    frequency weights both agree with repeating rows). Reports ``"binary"`` or ``"multiclass"``.

    Examples
    --------
    >>> round(brier_class_vec(["a", "b", "a"], [0.9, 0.2, 0.6]), 6)
    0.07
    """
    return brier_class.vec(truth, estimate, na_rm=na_rm, event_level=event_level,
                           case_weights=case_weights, estimator=estimator)


brier_class = new_prob_metric(_brier_class, "brier_class", "minimize", (0.0, 1.0), estimator_policy="fixed")
