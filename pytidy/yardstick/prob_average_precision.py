"""Average precision, a step-wise area under the precision-recall curve
(R: ``yardstick/R/prob-average_precision.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._prob_helpers import averaged, check_binary_truth_levels, event_mask, one_vs_all, pr_points
from .metric import new_prob_metric


def _ap_event(event: np.ndarray, score: np.ndarray, w: np.ndarray | None) -> float:
    _, recall, precision = pr_points(event, score, w)
    return float(np.sum(np.diff(recall) * precision[1:]))


def _average_precision(t, p, levels, estimator, event_level, w):
    if estimator == "binary":
        check_binary_truth_levels(levels, "average_precision()")
        return _ap_event(event_mask(t, event_level), p, w)
    return averaged(one_vs_all(_ap_event, t, p, w), t, len(levels), w, estimator)


def average_precision_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                          event_level: str = "first", case_weights: Any = None) -> float:
    """Average precision: the sum over thresholds of (change in recall) x precision.

    The same as scikit-learn's ``average_precision_score``. ``estimator`` is None, "binary",
    "macro" or "macro_weighted"; other arguments as in :func:`roc_auc_vec`.

    Examples
    --------
    >>> average_precision_vec(["a", "b", "a", "b"], [0.9, 0.8, 0.7, 0.1])
    0.8333333333333333
    """
    return average_precision.vec(truth, estimate, estimator=estimator, na_rm=na_rm,
                                 event_level=event_level, case_weights=case_weights)


average_precision = new_prob_metric(_average_precision, "average_precision", "maximize", (0.0, 1.0),
                                    estimator_policy="no_micro")
