"""Mean log loss (R: ``yardstick/R/prob-mn_log_loss.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import check_bool
from ._prob_helpers import event_mask
from .metric import new_prob_metric

EPS = np.finfo(np.float64).eps


def _mn_log_loss(t, p, levels, estimator, event_level, w, sum=False):
    check_bool(sum, "sum", "mn_log_loss()")
    if estimator == "binary":
        p_true = np.where(event_mask(t, event_level), p, 1.0 - p)
    else:
        p_true = p[np.arange(t.size), t]
    # R: probabilities are clipped to [eps, 1 - eps], with no renormalisation.
    loss = -np.log(np.clip(p_true, EPS, 1.0 - EPS))
    if w is None:
        return float(loss.sum() if sum else loss.mean()) if loss.size else float("nan")
    total = float(loss @ w)
    return total if sum else total / float(w.sum())


def mn_log_loss_vec(truth: Any, estimate: Any, *, sum: bool = False, na_rm: bool = True,
                    event_level: str = "first", case_weights: Any = None,
                    estimator: str | None = None) -> float:
    """Mean (or summed) negative log-likelihood of the true class.

    Parameters
    ----------
    truth, estimate, na_rm, event_level, case_weights
        As in :func:`roc_auc_vec`; reports ``"binary"`` or ``"multiclass"``.
    sum : bool, default False
        Return the sum of the losses instead of their mean.

    Examples
    --------
    >>> import pandas as pd
    >>> truth = pd.Categorical(["Yes", "No", "Yes"], categories=["Yes", "No"])
    >>> round(mn_log_loss_vec(truth, [0.5, 0.5, 0.0]), 6)  # R: 12.476649250079
    12.476649
    >>> round(mn_log_loss_vec(["a", "b"], [0.8, 0.4], sum=True), 6)
    0.733969
    """
    return mn_log_loss.vec(truth, estimate, sum=sum, na_rm=na_rm, event_level=event_level,
                           case_weights=case_weights, estimator=estimator)


mn_log_loss = new_prob_metric(_mn_log_loss, "mn_log_loss", "minimize", (0.0, math.inf),
                              estimator_policy="fixed", option_names=("sum",))
