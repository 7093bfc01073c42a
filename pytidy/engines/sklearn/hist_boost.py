"""Boosted trees with scikit-learn's ``HistGradientBoosting*`` (``boost_tree(engine="sklearn")``).

parsnip has no such engine; the mapping is pytidy's: ``trees`` -> ``max_iter``, ``tree_depth`` ->
``max_depth``, ``learn_rate`` -> ``learning_rate``, ``min_n`` -> ``min_samples_leaf``, ``mtry`` (a
count, as parsnip's ``counts = TRUE``) -> ``max_features`` as the proportion ``mtry / p``, and
``stop_iter`` -> ``n_iter_no_change`` with early stopping on. scikit-learn's defaults are kept
(100 iterations, rate 0.1, no depth limit, 20 rows per leaf) except ``early_stopping``, which is
off unless ``stop_iter`` is set (parsnip never stops early on its own; scikit-learn's "auto" would
above 10,000 rows). ``loss_reduction`` and ``sample_size`` have no counterpart and are not used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import frozen

from ._common import (
    SklearnFit,
    align_proba,
    cap_mtry,
    Encoder,
    levels_of,
    outcome_labels,
    sklearn_module,
    training_rows,
    weights_array,
)

__all__ = ["fit_hist_boost", "HistBoostFit", "hist_boost_multi_predict"]


@frozen(eq=False)
class HistBoostFit(SklearnFit):
    """A fitted HistGradientBoosting model (predicts rows with missing values itself)."""


def fit_hist_boost(x: pd.DataFrame, y: pd.Series, *, seed: int, max_iter: Any = 100, max_depth: Any = None,
                   learning_rate: Any = 0.1, min_samples_leaf: Any = 20, max_features: Any = None,
                   n_iter_no_change: Any = None, case_weights: Any = None, **engine_args: Any) -> HistBoostFit:
    """Fit ``HistGradientBoostingClassifier``/``Regressor`` with ``random_state=seed``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> f = fit_hist_boost(x, pd.Series(np.sin(x["a"])), seed=1, max_iter=5)
    >>> f.estimator.n_iter_
    5
    """
    ensemble = sklearn_module("ensemble", "boost_tree(engine='sklearn')")
    unused = [k for k in ("loss_reduction", "sample_size") if engine_args.get(k) is not None]
    if unused:
        raise NotImplementedError(
            f"boost_tree(engine='sklearn') has no counterpart for {unused} (HistGradientBoosting has no "
            "minimum loss reduction or row subsampling); use engine 'xgboost' or 'lightgbm'."
        )
    engine_args = {k: v for k, v in engine_args.items() if k not in ("loss_reduction", "sample_size")}
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    yy = outcome_labels(y)
    X, yy, w = training_rows(X, yy, weights_array(case_weights, len(X)), allow_nan=True)
    kwargs: dict[str, Any] = {"early_stopping": False}
    if max_features is not None:
        kwargs["max_features"] = cap_mtry(max_features, X.shape[1], "boost_tree") / X.shape[1]
    if n_iter_no_change is not None:
        kwargs.update(early_stopping=True, n_iter_no_change=int(n_iter_no_change))
    kwargs.update(engine_args)
    cls = ensemble.HistGradientBoostingClassifier if classification else ensemble.HistGradientBoostingRegressor
    est = cls(max_iter=int(max_iter), max_depth=None if max_depth is None else int(max_depth),
              learning_rate=float(learning_rate), min_samples_leaf=int(min_samples_leaf),
              random_state=seed, **kwargs)
    est.fit(X, yy, sample_weight=w)
    return HistBoostFit(est, enc, levels_of(y), "sklearn", allow_nan=True)


def hist_boost_multi_predict(fit: HistBoostFit, x: pd.DataFrame, values: Any, type: str = "numeric",
                             **opts: Any) -> list[np.ndarray]:
    """Predictions after each number of iterations in ``values`` from one fit (staged predictions).

    A value above the number of fitted iterations (early stopping) gives the last stage.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> f = fit_hist_boost(x, pd.Series(np.sin(x["a"])), seed=1, max_iter=4)
    >>> [p.shape for p in hist_boost_multi_predict(f, x.head(3), [1, 4])]
    [(3,), (3,)]
    """
    est = fit.estimator
    X = fit.matrix(x)
    wanted = [min(int(v), est.n_iter_) for v in values]
    conv: Callable[[Any], np.ndarray]
    if type == "numeric":
        stages = est.staged_predict(X)
        conv = np.asarray
    elif type in ("prob", "class"):
        stages = est.staged_predict_proba(X)
        levels = cast(tuple[str, ...], fit.levels)  # a classification fit has its levels
        conv = lambda p: align_proba(p, est.classes_, levels, "sklearn")  # noqa: E731
    else:
        raise NotImplementedError(f"multi_predict() of boost_tree(engine='sklearn') has no type {type!r}.")
    top = max(wanted) if wanted else 0
    kept = {}
    for i, pred in enumerate(itertools.islice(stages, top), start=1):
        if i in wanted:
            kept[i] = conv(pred)
    out = []
    for v in wanted:
        p = kept[v]
        if type == "class":
            p = np.asarray(fit.levels, dtype=object)[np.argmax(p, axis=1)]
        out.append(p)
    return out
