"""Area under the precision-recall curve (R: ``yardstick/R/prob-pr_auc.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._prob_helpers import averaged, check_binary_truth_levels, event_mask, one_vs_all, pr_points, trapezoid
from .metric import new_prob_metric


def _pr_auc_event(event: np.ndarray, score: np.ndarray, w: np.ndarray | None) -> float:
    _, recall, precision = pr_points(event, score, w)
    return trapezoid(recall, precision)


def _pr_auc(t, p, levels, estimator, event_level, w):
    if estimator == "binary":
        check_binary_truth_levels(levels, "pr_auc()")
        return _pr_auc_event(event_mask(t, event_level), p, w)
    return averaged(one_vs_all(_pr_auc_event, t, p, w), t, len(levels), w, estimator)


def pr_auc_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
               event_level: str = "first", case_weights: Any = None) -> float:
    """Area under the precision-recall curve (trapezoid rule over :func:`pr_curve` points).

    Parameters
    ----------
    truth, estimate, na_rm, event_level, case_weights
        As in :func:`roc_auc_vec`.
    estimator : {None, "binary", "macro", "macro_weighted"}
        None gives "binary" for two levels and "macro" for more (no "micro", as in R).

    Examples
    --------
    >>> round(pr_auc_vec(["x", "y", "y", "x", "x"], [0.9, 0.9, 0.8, 0.4, 0.3]), 6)
    0.572222
    """
    return pr_auc.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                      case_weights=case_weights)


pr_auc = new_prob_metric(_pr_auc, "pr_auc", "maximize", (0.0, 1.0), estimator_policy="no_micro")
