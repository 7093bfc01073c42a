"""Shared pieces of the probability metrics and curves (R: ``prob-helpers.R``,
``prob-binary-thresholds.R``): one sort per curve, cumulative sums at the distinct thresholds,
trapezoidal areas and the one-vs-all loop.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import InvalidParameterError, PytidyWarning
from .estimator_helpers import get_weights, weighted_mean_na

NAN = float("nan")


def event_mask(t: np.ndarray, event_level: str) -> np.ndarray:
    """True where ``truth`` is the event: level 0 for "first", level 1 for "second"."""
    return t == (0 if event_level == "first" else 1)


def threshold_curve(
    event: np.ndarray, score: np.ndarray, w: np.ndarray | None, thresholds: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct thresholds (decreasing) with the (weighted) true and false positives at each.

    One ``argsort``; ties share a threshold, and the counts at a threshold include every row whose
    score is at least that threshold (R: ``binary_threshold_curve()``).
    """
    if w is not None:
        nz = w != 0
        if not nz.all():
            event, score, w = event[nz], score[nz], w[nz]
    order = np.argsort(score)[::-1]
    s = score[order]
    y = event[order]
    n = s.size
    if w is None:
        tps = np.cumsum(y, dtype=np.float64)
        fps = np.arange(1, n + 1, dtype=np.float64) - tps
    else:
        ws = w[order]
        yw = np.where(y, ws, 0.0)
        tps = np.cumsum(yw)
        fps = np.cumsum(ws - yw)
    if thresholds is None:
        if n == 0:
            return s, tps, fps
        idx = np.flatnonzero(s[1:] != s[:-1])
        idx = np.append(idx, n - 1)
        return s[idx], tps[idx], fps[idx]
    thr = np.unique(np.asarray(thresholds, dtype=np.float64))[::-1]
    # rows with score >= threshold: searchsorted on the increasing copy
    counts = n - np.searchsorted(s[::-1], thr, side="left")
    tp = np.where(counts > 0, tps[np.maximum(counts - 1, 0)], 0.0)
    fp = np.where(counts > 0, fps[np.maximum(counts - 1, 0)], 0.0)
    return thr, tp, fp


def trapezoid(x: np.ndarray, y: np.ndarray) -> float:
    """Area under ``y(x)`` by the trapezoid rule, ``x`` weakly increasing (R: ``auc()``)."""
    return float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1])) / 2.0)


def roc_auc_event(event: np.ndarray, score: np.ndarray, w: np.ndarray | None,
                  levels: tuple[Any, Any] | None = None) -> float:
    """Binary ROC AUC for a boolean event vector; NaN with a warning without events or controls."""
    n_event = event.sum() if w is None else w[event].sum()
    n_control = (event.size - n_event) if w is None else w[~event].sum()
    if n_event == 0 or n_control == 0:
        ev, ctrl = levels if levels is not None else ("event", "control")
        what = f"event observations with event level {ev!r}" if n_event == 0 else (
            f"control observations with control level {ctrl!r}")
        warnings.warn(f"No {what} were detected in `truth`; roc_auc is NaN.", PytidyWarning, stacklevel=4)
        return NAN
    if w is None:
        # Unweighted: the trapezoidal ROC area equals the Mann-Whitney statistic with ties counted
        # half. Two value sorts (no index sort) and two searchsorted passes over sorted queries.
        pos_s = np.sort(score[event])
        neg_s = np.sort(score[~event])
        below = np.searchsorted(neg_s, pos_s, side="left")
        upto = np.searchsorted(neg_s, pos_s, side="right")
        wins = float(np.add.reduce(below, dtype=np.float64) + np.add.reduce(upto, dtype=np.float64)) / 2.0
        return wins / (float(pos_s.size) * float(neg_s.size))
    _, tp, fp = threshold_curve(event, score, w)
    P, N = tp[-1], fp[-1]
    area = np.sum((fp[1:] - fp[:-1]) * (tp[1:] + tp[:-1])) + fp[0] * tp[0]
    return float(area / (2.0 * P * N))


def one_vs_all(fn: Callable[..., float], t: np.ndarray, p: np.ndarray, w: np.ndarray | None,
               **kwargs: Any) -> np.ndarray:
    """``fn(event, score, w)`` for each level against all others (R: ``one_vs_all_impl()``)."""
    return np.array([fn(t == i, p[:, i], w, **kwargs) for i in range(p.shape[1])], dtype=np.float64)


def truth_counts(t: np.ndarray, k: int, w: np.ndarray | None) -> np.ndarray:
    return np.bincount(t, weights=w, minlength=k).astype(np.float64)


def averaged(values: np.ndarray, t: np.ndarray, k: int, w: np.ndarray | None, estimator: str) -> float:
    """Macro or macro-weighted mean of one-vs-all values (weights from the truth counts)."""
    return weighted_mean_na(values, get_weights(truth_counts(t, k, w), estimator), na_rm=False)


def pr_points(event: np.ndarray, score: np.ndarray, w: np.ndarray | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Thresholds, recall and precision with R's leading (Inf, 0, 1) point."""
    thr, tp, fp = threshold_curve(event, score, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        recall = tp / tp[-1] if tp.size else tp
        precision = tp / (tp + fp)
    return (np.concatenate(([np.inf], thr)), np.concatenate(([0.0], recall)),
            np.concatenate(([1.0], precision)))


def gain_points(event: np.ndarray, score: np.ndarray, w: np.ndarray | None) -> dict[str, np.ndarray]:
    """Columns of the gain curve (R: ``gain_curve_binary_impl()``)."""
    order = np.argsort(score, kind="stable")[::-1]
    s = score[order]
    y = event[order]
    ws = np.ones(s.size) if w is None else w[order]
    found = np.cumsum(np.where(y, ws, 0.0))
    tested = np.cumsum(ws)
    keep = np.append(s[1:] != s[:-1], True) if s.size else np.zeros(0, dtype=bool)
    found, tested = found[keep], tested[keep]
    n_events = found[-1] if found.size else 0.0
    n_total = tested[-1] if tested.size else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            ".n": np.concatenate(([0.0], tested)),
            ".n_events": np.concatenate(([0.0], found)),
            ".percent_tested": np.concatenate(([0.0], tested / n_total * 100)),
            ".percent_found": np.concatenate(([0.0], found / n_events * 100)),
        }


def check_binary_truth_levels(levels: list[Any], owner: str) -> None:
    if len(levels) < 2:
        raise InvalidParameterError(
            f"{owner}: `truth` has only the level(s) {levels}; a binary metric needs two. Pass `truth` "
            "as a pandas Categorical whose categories list both classes."
        )
