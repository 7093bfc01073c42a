"""AUNU and AUNP: one-vs-all ROC AUCs, averaged equally or by prevalence
(R: ``prob-roc_aunu.R``, ``prob-roc_aunp.R``; Ferri et al. 2009)."""

from __future__ import annotations

from typing import Any

import numpy as np
from attrs import evolve

from ._prob_helpers import averaged, one_vs_all, roc_auc_event
from .metric import Metric, new_prob_metric


def _relabel(metric: Metric) -> Metric:
    # R reports the default estimator of the truth ("binary" or "macro") although the average is fixed.
    inner = metric.impl

    def wrapped(truth, estimate, **kwargs):
        value, _ = inner(truth, estimate, **kwargs)
        return value, "binary" if _n_levels(estimate) == 2 else "macro"

    return evolve(metric, impl=wrapped)


def _n_levels(estimate: Any) -> int:
    shape = getattr(estimate, "shape", None)
    return shape[1] if shape is not None and len(shape) == 2 else 2


def _aunu(t, p, levels, estimator, event_level, w):
    return averaged(one_vs_all(roc_auc_event, t, p, w), t, len(levels), w, "macro")


def _aunp(t, p, levels, estimator, event_level, w):
    return averaged(one_vs_all(roc_auc_event, t, p, w), t, len(levels), w, "macro_weighted")


def roc_aunu_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
                 estimator: str | None = None, event_level: str = "first") -> float:
    """Average of the one-vs-all ROC AUCs with equal weights ("area under the ROC curve of each
    class against the rest, using the uniform class distribution"); ``roc_auc(estimator="macro")``.

    ``estimate`` is a matrix with one probability column per level, in level order, even for
    two classes. ``estimator`` and ``event_level`` are accepted and ignored.

    Examples
    --------
    >>> p = np.array([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
    >>> roc_aunu_vec(["a", "b", "b"], p)
    1.0
    """
    return roc_aunu.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


def roc_aunp_vec(truth: Any, estimate: Any, *, na_rm: bool = True, case_weights: Any = None,
                 estimator: str | None = None, event_level: str = "first") -> float:
    """Average of the one-vs-all ROC AUCs weighted by class prevalence;
    ``roc_auc(estimator="macro_weighted")``.

    ``estimate`` is a matrix with one probability column per level, in level order.

    Examples
    --------
    >>> p = np.array([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
    >>> roc_aunp_vec(["a", "b", "b"], p)
    1.0
    """
    return roc_aunp.vec(truth, estimate, na_rm=na_rm, case_weights=case_weights)


roc_aunu = _relabel(new_prob_metric(_aunu, "roc_aunu", "maximize", (0.0, 1.0), estimator_policy="macro"))
roc_aunp = _relabel(new_prob_metric(_aunp, "roc_aunp", "maximize", (0.0, 1.0),
                                    estimator_policy="macro_weighted"))
