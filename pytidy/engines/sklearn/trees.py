"""Random forests and single trees with scikit-learn (``rand_forest``: "sklearn"/"ranger"; ``decision_tree``).

``rand_forest`` follows R's ranger, parsnip's default engine, where scikit-learn lets it:
500 trees, ``mtry = floor(sqrt(p))`` in both modes (ranger's default; randomForest's ``p/3`` for
regression is *not* used), ``min_n`` = ranger's ``min.node.size`` defaults (5 for regression, 10 for
probability forests, which parsnip grows for classification), bootstrap samples of n rows with
replacement, Gini / variance splitting, and class probabilities as the mean of the trees' leaf
class frequencies (ranger's ``probability = TRUE``). ``min_n`` is the smallest node that may be
split (scikit-learn's ``min_samples_split``), parsnip's documented meaning. ranger's split-point
randomisation and extra options (``splitrule``, ``always.split.variables``, ...) are not built.
``vi()`` reports scikit-learn's impurity importance (ranger's ``importance = "impurity"``, here
normalised to sum to one; parsnip's ranger fits compute none unless asked).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ...errors import InvalidParameterError
from ._common import (
    Encoder,
    SklearnFit,
    cap_min_n,
    cap_mtry,
    levels_of,
    outcome_labels,
    sklearn_module,
    training_rows,
    weights_array,
)

__all__ = ["fit_rand_forest", "fit_ranger", "fit_decision_tree", "ranger_defaults", "ranger_importance"]


def ranger_defaults(p: int, classification: bool) -> dict[str, int]:
    """ranger's defaults for ``mtry`` and ``min.node.size`` (probability forest for classes).

    Examples
    --------
    >>> ranger_defaults(10, classification=True)
    {'max_features': 3, 'min_samples_split': 10}
    """
    return {"max_features": max(1, int(math.floor(math.sqrt(p)))),
            "min_samples_split": 10 if classification else 5}


def _prepare(x: pd.DataFrame, y: pd.Series, case_weights: Any):
    enc = Encoder.learn(x)
    X = enc.matrix(x)
    yy = outcome_labels(y)
    w = weights_array(case_weights, len(X))
    X, yy, w = training_rows(X, yy, w, allow_nan=True)
    return enc, X, yy, w


def fit_rand_forest(x: pd.DataFrame, y: pd.Series, *, seed: int, max_features: Any = None,
                    n_estimators: Any = 500, min_samples_split: Any = None, case_weights: Any = None,
                    **engine_args: Any) -> SklearnFit:
    """Fit ``RandomForestClassifier``/``RandomForestRegressor`` with ranger's defaults.

    ``max_features`` is a count (parsnip's ``mtry``; capped at the number of predictor columns with
    a warning, as parsnip's ``min_cols``), ``random_state=seed``, ``n_jobs=1`` unless given.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(20.0), "b": np.arange(20.0) % 3})
    >>> f = fit_rand_forest(x, pd.Series(2 * x["a"]), seed=1, n_estimators=5)
    >>> f.estimator.max_features, f.estimator.min_samples_split
    (1, 5)
    """
    ensemble = sklearn_module("ensemble", "rand_forest(engine='sklearn')")
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc, X, yy, w = _prepare(x, y, case_weights)
    p, n = X.shape[1], X.shape[0]
    dflt = ranger_defaults(p, classification)
    mtry = dflt["max_features"] if max_features is None else cap_mtry(max_features, p, "rand_forest")
    min_n = dflt["min_samples_split"] if min_samples_split is None else cap_min_n(min_samples_split, n, "rand_forest")
    if min_n < 2:
        raise InvalidParameterError(f"`min_n` in rand_forest() must be at least 2; got {min_samples_split!r}.")
    cls = ensemble.RandomForestClassifier if classification else ensemble.RandomForestRegressor
    est = cls(n_estimators=int(n_estimators), max_features=mtry, min_samples_split=min_n,
              random_state=seed, **{"n_jobs": 1, **engine_args})
    est.fit(X, yy, sample_weight=w)
    return SklearnFit(est, enc, levels_of(y), "sklearn", allow_nan=True)


def ranger_importance(m: SklearnFit) -> dict[str, float]:
    """Impurity importance per *variable*: a factor's indicator columns summed into one value.

    ranger splits on a factor as one variable, so its ``importance = "impurity"`` (and ``vip()`` of
    a parsnip ranger fit) names the original predictors; the "ranger" engine takes factors as they
    are (encoding ``"none"``) and one-hot encodes them only inside scikit-learn, so the indicator
    importances are added back up here. The split itself still picks among indicators, not
    variables (``mtry`` counts indicator columns), which is where it differs from ranger.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(30.0), "g": pd.Categorical(["u", "v", "w"] * 10)})
    >>> imp = ranger_importance(fit_ranger(x, pd.Series(x["a"] + (x["g"] == "u") * 9), seed=1,
    ...                                    **{"num.trees": 10}))
    >>> sorted(imp), round(sum(imp.values()), 6)
    (['a', 'g'], 1.0)
    """
    per_column = m.importance()
    out: dict[str, float] = {}
    for col in m.encoder.columns:
        if col in m.encoder.levels:
            out[col] = float(sum(per_column[f"{col}{lv}"] for lv in m.encoder.levels[col]))
        else:
            out[col] = per_column[col]
    return out


_RANGER_NATIVE = {"num.threads": "n_jobs", "replace": "bootstrap"}


def fit_ranger(x: pd.DataFrame, y: pd.Series, *, seed: int, case_weights: Any = None,
               **engine_args: Any) -> SklearnFit:
    """The "ranger" engine: ranger's argument names, fitted by :func:`fit_rand_forest`.

    Main arguments arrive with ranger's names (``mtry``, ``num.trees``, ``min.node.size``).
    Engine arguments with ranger's names are translated: ``num.threads`` (``n_jobs``),
    ``replace`` (``bootstrap``), ``sample.fraction`` (``max_samples``, only with replacement),
    ``max.depth`` (``max_depth``; 0 means unlimited), ``min.bucket`` (``min_samples_leaf``),
    ``importance`` ("impurity" or "none"; both give scikit-learn's impurity importance). Any other
    ranger argument raises NotImplementedError.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(20.0), "b": np.arange(20.0) % 3})
    >>> fit_ranger(x, pd.Series(x["a"]), seed=1, **{"num.trees": 5, "mtry": 2}).estimator.max_features
    2
    """
    engine_args = dict(engine_args)
    mtry = engine_args.pop("mtry", None)
    num_trees = engine_args.pop("num.trees", 500)
    min_node_size = engine_args.pop("min.node.size", None)
    kwargs: dict[str, Any] = {}
    for key, value in engine_args.items():
        if key in _RANGER_NATIVE:
            kwargs[_RANGER_NATIVE[key]] = value
        elif key == "max.depth":
            kwargs["max_depth"] = None if value in (None, 0) else int(value)  # ranger: 0 = unlimited
        elif key == "min.bucket":
            kwargs["min_samples_leaf"] = int(value)
        elif key == "sample.fraction":
            kwargs["max_samples"] = float(value)
        elif key == "importance":
            if value not in ("impurity", "none"):
                raise NotImplementedError(
                    f"rand_forest(engine='ranger') computes impurity importance only; importance={value!r} "
                    "is not built. Use vi(fit, method='permute') for permutation importance."
                )
        else:
            raise NotImplementedError(
                f"The ranger engine argument {key!r} is not built in pytidy's ranger-style engine. "
                "Supported: num.threads, replace, sample.fraction, max.depth, min.bucket, importance."
            )
    if kwargs.get("bootstrap") is False and "max_samples" in kwargs:
        raise NotImplementedError("sample.fraction without replacement (replace=False) is not built.")
    return fit_rand_forest(x, y, seed=seed, max_features=mtry, n_estimators=num_trees,
                           min_samples_split=min_node_size, case_weights=case_weights, **kwargs)


def fit_decision_tree(x: pd.DataFrame, y: pd.Series, *, seed: int, cp: Any = 0.01, max_depth: Any = 30,
                      min_samples_split: Any = 20, case_weights: Any = None, **engine_args: Any) -> SklearnFit:
    """Fit a CART tree with rpart's defaults and its *relative* complexity parameter.

    rpart's ``cp`` is relative: a split must lower the lack of fit by ``cp`` times the root node's.
    scikit-learn's ``ccp_alpha`` is absolute (weighted impurity), so the engine uses
    ``ccp_alpha = cp * impurity(root)``. For regression both measure squared error, so pruning
    follows rpart's rule; for classification rpart prunes on misclassification risk while
    scikit-learn prunes on Gini impurity, so trees can differ (hence no "rpart" engine name).
    ``min_n`` is rpart's ``minsplit`` (``min_samples_split``, default 20) and, as rpart,
    ``minbucket = round(minsplit / 3)`` (``min_samples_leaf``); ``tree_depth`` is ``maxdepth`` (30).

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(40.0)})
    >>> f = fit_decision_tree(x, pd.Series((x["a"] > 20).astype(float)), seed=1)
    >>> int(f.estimator.get_n_leaves())
    2
    """
    tree = sklearn_module("tree", "decision_tree(engine='sklearn')")
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc, X, yy, w = _prepare(x, y, case_weights)
    cp = float(cp)
    if cp < 0:
        raise InvalidParameterError(f"`cost_complexity` in decision_tree() must be >= 0; got {cp!r}.")
    min_split = cap_min_n(min_samples_split, len(X), "decision_tree")
    if min_split < 2:
        raise InvalidParameterError(f"`min_n` in decision_tree() must be at least 2; got {min_samples_split!r}.")
    cls = tree.DecisionTreeClassifier if classification else tree.DecisionTreeRegressor
    stump = cls(max_depth=1, random_state=seed, **engine_args).fit(X, yy, sample_weight=w)
    root = float(stump.tree_.impurity[0])
    kwargs = {"min_samples_leaf": max(1, int(round(min_split / 3))), **engine_args}
    est = cls(ccp_alpha=cp * root, max_depth=int(max_depth), min_samples_split=min_split,
              random_state=seed, **kwargs)
    est.fit(X, yy, sample_weight=w)
    return SklearnFit(est, enc, levels_of(y), "sklearn", allow_nan=True)
