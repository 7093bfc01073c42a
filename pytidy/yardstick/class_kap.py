"""Cohen's kappa, optionally weighted (R: ``yardstick/R/class-kap.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import check_choice
from .metric import new_class_metric

WEIGHTINGS = ("none", "linear", "quadratic")


def _weighting_matrix(weighting: str, k: int) -> np.ndarray:
    check_choice(weighting, "weighting", "kap()", WEIGHTINGS)
    if weighting == "none":
        return 1.0 - np.eye(k)
    grid = np.arange(k, dtype=np.float64)
    power = 1 if weighting == "linear" else 2
    return np.abs(grid[:, None] - grid[None, :]) ** power


def _kap_table(table: np.ndarray, estimator: str, event_level: str, weighting: str = "none") -> float:
    w = _weighting_matrix(weighting, table.shape[0])
    total = table.sum()
    if total <= 0:
        return float("nan")
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / total
    chance = np.sum(w * expected)
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(1.0 - np.sum(w * table) / chance)


def kap_vec(truth: Any, estimate: Any, *, weighting: str = "none", na_rm: bool = True,
            case_weights: Any = None, estimator: str | None = None, event_level: str = "first") -> float:
    """Cohen's kappa: agreement between truth and estimate beyond chance.

    Parameters
    ----------
    truth, estimate : array-like
        True and predicted classes (see :func:`accuracy_vec` for how levels are found).
    weighting : {"none", "linear", "quadratic"}, default "none"
        Weighted kappa penalises disagreements by their distance in level order, for ordered classes.
    na_rm, case_weights, estimator, event_level
        As in :func:`accuracy_vec`; kappa reports ``"binary"`` or ``"multiclass"``.

    Returns
    -------
    float
        In [-1, 1]; 1 is perfect agreement.

    Examples
    --------
    >>> kap_vec(["a", "b", "a", "b"], ["a", "b", "b", "b"])
    0.5
    >>> kap_vec([1, 2, 3], [1, 3, 3], weighting="quadratic")
    0.8
    """
    return kap.vec(truth, estimate, weighting=weighting, na_rm=na_rm, case_weights=case_weights,
                   estimator=estimator, event_level=event_level)


kap = new_class_metric(_kap_table, "kap", "maximize", (-1.0, 1.0), estimator_policy="fixed",
                       option_names=("weighting",))
