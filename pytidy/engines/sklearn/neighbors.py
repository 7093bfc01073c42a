"""``nearest_neighbor(engine="sklearn")``: ``KNeighborsClassifier``/``Regressor`` with kknn's habits.

R's default engine kknn standardises the predictors (``scale = TRUE``); this engine does the same
by default (engine argument ``scale``: training means and standard deviations). ``neighbors`` ->
``n_neighbors`` (parsnip's default 5, capped at the number of rows as parsnip's ``min_rows``),
``dist_power`` -> the Minkowski ``p`` (default 2). Of kknn's kernels (``weight_func``),
"rectangular" is scikit-learn's ``weights="uniform"`` and "inv" (1/distance) is
``weights="distance"``; the others ("triangular", "epanechnikov", "biweight", "triweight", "cos",
"gaussian", "rank", "optimal") raise NotImplementedError. kknn's default kernel is "optimal", so
this engine's default is "rectangular" and says so here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...errors import InvalidParameterError
from ._common import (
    Encoder,
    SklearnFit,
    cap_min_n,
    levels_of,
    outcome_labels,
    sklearn_module,
    standardize,
    training_rows,
)

__all__ = ["fit_knn", "KKNN_WEIGHTS"]

KKNN_WEIGHTS = {"rectangular": "uniform", "inv": "distance"}
_KKNN_OTHER = ("triangular", "epanechnikov", "biweight", "triweight", "cos", "gaussian", "rank", "optimal")


def fit_knn(x: pd.DataFrame, y: pd.Series, *, seed: int, n_neighbors: Any = 5, weights: Any = "rectangular",
            p: Any = 2, scale: bool = True, **engine_args: Any) -> SklearnFit:
    """Fit k nearest neighbours on (by default standardised) predictors.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(10.0)})
    >>> f = fit_knn(x, pd.Series(x["a"] ** 2), seed=1, n_neighbors=3)
    >>> f.predict_numeric(pd.DataFrame({"a": [4.0]})).round(3).tolist()
    [16.667]
    """
    neighbors = sklearn_module("neighbors", "nearest_neighbor(engine='sklearn')")
    if weights in _KKNN_OTHER:
        raise NotImplementedError(
            f"weight_func={weights!r} (a kknn kernel) is not built in nearest_neighbor(engine='sklearn'); "
            f"use one of {sorted(KKNN_WEIGHTS)}."
        )
    if weights not in KKNN_WEIGHTS:
        raise InvalidParameterError(
            f"`weight_func` in nearest_neighbor() must be one of {sorted(KKNN_WEIGHTS) + list(_KKNN_OTHER)}; "
            f"got {weights!r}."
        )
    if float(p) <= 0:
        raise InvalidParameterError(f"`dist_power` in nearest_neighbor() must be positive; got {p!r}.")
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    X, yy, _ = training_rows(X, outcome_labels(y), None, allow_nan=False)
    k = cap_min_n(n_neighbors, len(X), "nearest_neighbor")
    if k < 1:
        raise InvalidParameterError(f"`neighbors` in nearest_neighbor() must be at least 1; got {n_neighbors!r}.")
    sc = standardize(X) if scale else None
    if sc is not None:
        X = (X - sc[0]) / sc[1]
    cls = neighbors.KNeighborsClassifier if classification else neighbors.KNeighborsRegressor
    est = cls(n_neighbors=k, weights=KKNN_WEIGHTS[weights], p=float(p), **engine_args).fit(X, yy)
    return SklearnFit(est, enc, levels_of(y), "sklearn", allow_nan=False, scale=sc)
