"""Gain capture: area between the gain curve and the baseline, relative to a perfect model
(R: ``yardstick/R/prob-gain_capture.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._prob_helpers import averaged, check_binary_truth_levels, event_mask, gain_points, one_vs_all, trapezoid
from .metric import new_prob_metric


def _gain_capture_event(event: np.ndarray, score: np.ndarray, w: np.ndarray | None) -> float:
    g = gain_points(event, score, w)
    area = trapezoid(g[".percent_tested"], g[".percent_found"]) / 100**2
    n_events, n_total = g[".n_events"][-1], g[".n"][-1]
    perfect = 100.0 * n_events / n_total  # % tested at the elbow of the perfect gain curve
    perfect_area = ((100.0 - perfect) * 100.0 + perfect * 100.0 / 2.0) / 100**2
    return float((area - 0.5) / (perfect_area - 0.5))


def _gain_capture(t, p, levels, estimator, event_level, w):
    if estimator == "binary":
        check_binary_truth_levels(levels, "gain_capture()")
        return _gain_capture_event(event_mask(t, event_level), p, w)
    return averaged(one_vs_all(_gain_capture_event, t, p, w), t, len(levels), w, estimator)


def gain_capture_vec(truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                     event_level: str = "first", case_weights: Any = None) -> float:
    """Gain capture: the share of the area above the baseline that a perfect gain curve has and
    this one covers; for binary data it equals ``2 * roc_auc - 1`` without ties.

    ``estimator`` is None, "binary", "macro" or "macro_weighted"; other arguments as in
    :func:`roc_auc_vec`.

    Examples
    --------
    >>> gain_capture_vec(["a", "a", "b", "b"], [0.9, 0.4, 0.6, 0.1])
    0.5
    """
    return gain_capture.vec(truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
                            case_weights=case_weights)


gain_capture = new_prob_metric(_gain_capture, "gain_capture", "maximize", (0.0, 1.0),
                               estimator_policy="no_micro")
