"""Expected classification cost (R: ``yardstick/R/prob-classification_cost.R``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError
from .metric import new_prob_metric


def cost_matrix(costs: pd.DataFrame | None, levels: list[Any]) -> np.ndarray:
    """``C[i, j]`` = cost of predicting level ``j`` when the truth is level ``i``.

    ``None`` gives 0 on the diagonal and 1 elsewhere; missing pairs in ``costs`` cost 0 (R).
    """
    k = len(levels)
    if costs is None:
        return 1.0 - np.eye(k)
    if not isinstance(costs, pd.DataFrame):
        raise InvalidParameterError(
            f"`costs` in classification_cost() must be a DataFrame or None; got {type(costs).__name__}."
        )
    if len(costs.columns) != 3 or set(costs.columns) != {"truth", "estimate", "cost"}:
        raise InvalidParameterError(
            "`costs` in classification_cost() must have exactly the columns 'truth', 'estimate' and "
            f"'cost'; got {list(costs.columns)}."
        )
    if not pd.api.types.is_numeric_dtype(costs["cost"]):
        raise InvalidParameterError("`costs['cost']` in classification_cost() must be numeric.")
    index = {lv: i for i, lv in enumerate(levels)}
    for col in ("truth", "estimate"):
        bad = [v for v in costs[col].astype(object) if v not in index]
        if bad:
            raise InvalidParameterError(
                f"`costs['{col}']` in classification_cost() can only contain the levels {levels}; "
                f"got {bad[:5]}."
            )
    pairs = list(zip(costs["truth"].astype(object), costs["estimate"].astype(object)))
    if len(set(pairs)) != len(pairs):
        raise InvalidParameterError(
            "`costs` in classification_cost() cannot have duplicate truth/estimate combinations."
        )
    out = np.zeros((k, k))
    for (tr, es), c in zip(pairs, costs["cost"].to_numpy(dtype=np.float64)):
        out[index[tr], index[es]] = c
    return out


def _classification_cost(t, p, levels, estimator, event_level, w, costs=None):
    if estimator == "binary":
        p = np.column_stack([p, 1.0 - p] if event_level == "first" else [1.0 - p, p])
    cmat = cost_matrix(costs, list(levels))
    row = np.einsum("ij,ij->i", p, cmat[t])
    if row.size == 0:
        return float("nan")
    return float(row.mean() if w is None else (row @ w) / w.sum())


def classification_cost_vec(truth: Any, estimate: Any, *, costs: pd.DataFrame | None = None,
                            na_rm: bool = True, event_level: str = "first", case_weights: Any = None,
                            estimator: str | None = None) -> float:
    """Mean expected cost of the predicted class probabilities.

    Each row costs ``sum_j p_j * cost(truth, j)``.

    Parameters
    ----------
    truth, estimate, na_rm, event_level, case_weights
        As in :func:`roc_auc_vec`; reports ``"binary"`` or ``"multiclass"``.
    costs : DataFrame, optional
        Columns ``truth``, ``estimate``, ``cost``: the cost of predicting ``estimate`` when the true
        class is ``truth``. Pairs not listed cost 0. None means cost 1 for every error.

    Examples
    --------
    >>> costs = pd.DataFrame({"truth": ["a", "b"], "estimate": ["b", "a"], "cost": [1.0, 2.0]})
    >>> classification_cost_vec(["a", "b"], [0.75, 0.25], costs=costs)
    0.375
    """
    return classification_cost.vec(truth, estimate, costs=costs, na_rm=na_rm, event_level=event_level,
                                   case_weights=case_weights, estimator=estimator)


classification_cost = new_prob_metric(_classification_cost, "classification_cost", "minimize", (0.0, math.inf),
                                      estimator_policy="fixed", option_names=("costs",))
