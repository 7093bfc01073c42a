"""Area under the ROC curve (R: ``yardstick/R/prob-roc_auc.R``)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..errors import PytidyWarning
from ._prob_helpers import averaged, check_binary_truth_levels, event_mask, one_vs_all, roc_auc_event
from .metric import new_prob_metric


def roc_auc_hand_till(t: np.ndarray, p: np.ndarray, levels: list[Any]) -> float:
    """Hand and Till's (2001) multiclass AUC: the mean of pairwise AUCs A(i, j).

    Levels without observations in ``truth`` are dropped with a warning, as in R (#123).
    """
    counts = np.bincount(t, minlength=len(levels))
    present = np.flatnonzero(counts > 0)
    if present.size < len(levels):
        missing = [levels[i] for i in np.flatnonzero(counts == 0)]
        warnings.warn(
            f"No observations were detected in `truth` for level(s) {missing}; "
            "the Hand-Till AUC ignores them.", PytidyWarning, stacklevel=4)
    c = present.size
    total = 0.0
    for a_pos, i in enumerate(present):
        for j in present[a_pos + 1:]:
            sub = (t == i) | (t == j)
            ts = t[sub]
            a_ij = roc_auc_event(ts == i, p[sub, i], None)
            a_ji = roc_auc_event(ts == j, p[sub, j], None)
            total += (a_ij + a_ji) / 2.0
    return float(2.0 * total / (c * (c - 1))) if c > 1 else float("nan")


def _roc_auc(t, p, levels, estimator, event_level, w):
    if estimator == "binary":
        check_binary_truth_levels(levels, "roc_auc()")
        lv = (levels[0], levels[1]) if event_level == "first" else (levels[1], levels[0])
        return roc_auc_event(event_mask(t, event_level), p, w, lv)
    if estimator == "hand_till":
        return roc_auc_hand_till(t, p, levels)
    return averaged(one_vs_all(roc_auc_event, t, p, w), t, len(levels), w, estimator)


def roc_auc_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                event_level: str = "first", case_weights: Any = None) -> float:
    """Area under the ROC curve.

    Parameters
    ----------
    truth : array-like
        True classes; a pandas categorical gives the level order, otherwise the sorted unique
        values are the levels.
    estimate : array-like
        Two levels: the probability of the event (the first level unless
        ``event_level="second"``). More levels: an ``(n, k)`` matrix, one column per level in
        level order.
    estimator : {None, "binary", "hand_till", "macro", "macro_weighted"}
        None gives "binary" for two levels and "hand_till" for more ("macro" when case weights
        are given, as in R; asking for "hand_till" with weights is an error).
    na_rm, event_level, case_weights
        As in :func:`accuracy_vec`.

    Returns
    -------
    float
        In [0, 1]; NaN with a warning when there are no events or no controls.

    Examples
    --------
    >>> roc_auc_vec(["a", "a", "b", "b"], [0.9, 0.4, 0.6, 0.1])
    0.75
    >>> roc_auc_vec([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], event_level="second")
    0.75
    """
    return roc_auc.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                       case_weights=case_weights)


roc_auc = new_prob_metric(_roc_auc, "roc_auc", "maximize", (0.0, 1.0), estimator_policy="roc_auc")
