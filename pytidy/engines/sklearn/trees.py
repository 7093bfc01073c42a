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

__all__ = ["fit_rand_forest", "fit_ranger", "fit_decision_tree", "fit_rpart", "ranger_defaults",
           "ranger_importance"]


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


def _rpart_keep(left: np.ndarray, right: np.ndarray, risk: np.ndarray, alpha: float) -> np.ndarray:
    """Which nodes of a fully grown tree stay internal under rpart's complexity rule.

    Follows rpart's recursive ``partition()``: a node is not split when its risk (capped by the
    complexity its parent allows) is at most ``alpha = cp * risk(root)``; after its children are
    done, a node's complexity is ``(risk - risk of the kept subtree) / (splits in it)``, with the
    child that would collapse first collapsed first, and the node collapses when that is at most
    ``alpha``. Returns a boolean mask over the grown tree's nodes (True = keeps its split).
    """
    keep = np.zeros(len(left), dtype=bool)
    complexity = np.zeros(len(left))

    def part(node: int, cap: float) -> tuple[int, float]:
        tempcp = min(risk[node], cap)
        if left[node] < 0 or tempcp <= alpha:
            complexity[node] = alpha
            return 0, risk[node]
        lo, hi = int(left[node]), int(right[node])
        left_split, left_risk = part(lo, tempcp - alpha)
        tempcp = max((risk[node] - left_risk) / (left_split + 1), risk[node] - risk[lo])
        tempcp = min(tempcp, cap)
        right_split, right_risk = part(hi, tempcp - alpha)
        tempcp = (risk[node] - (left_risk + right_risk)) / (left_split + right_split + 1)
        if complexity[hi] > complexity[lo]:
            if tempcp > complexity[lo]:
                left_risk, left_split = risk[lo], 0
                tempcp = (risk[node] - (left_risk + right_risk)) / (left_split + right_split + 1)
                if tempcp > complexity[hi]:
                    right_risk, right_split = risk[hi], 0
        elif tempcp > complexity[hi]:
            right_risk, right_split = risk[hi], 0
            tempcp = (risk[node] - (left_risk + right_risk)) / (left_split + right_split + 1)
            if tempcp > complexity[lo]:
                left_risk, left_split = risk[lo], 0
        complexity[node] = (risk[node] - (left_risk + right_risk)) / (left_split + right_split + 1)
        if complexity[node] <= alpha:
            return 0, risk[node]
        keep[node] = True
        return left_split + right_split + 1, left_risk + right_risk

    part(0, np.inf)
    # a kept node whose ancestor collapsed is gone too
    alive = np.zeros(len(left), dtype=bool)
    stack = [0]
    while stack:
        node = stack.pop()
        alive[node] = True
        if keep[node]:
            stack += [int(left[node]), int(right[node])]
    return keep & alive


def _pruned_tree(est: Any, keep: np.ndarray) -> None:
    """Replace ``est.tree_`` by its subtree whose internal nodes are ``keep`` (in place)."""
    state = est.tree_.__getstate__()
    nodes, values = state["nodes"], state["values"]
    order: list[int] = []
    stack = [0]
    while stack:  # depth first, left before right, as scikit-learn numbers its nodes
        node = stack.pop()
        order.append(node)
        if keep[node]:
            stack += [int(nodes["right_child"][node]), int(nodes["left_child"][node])]
    new_id = {old: i for i, old in enumerate(order)}
    new_nodes = nodes[order].copy()
    depth = {0: 0}
    for i, old in enumerate(order):
        if keep[old]:
            lo, hi = int(nodes["left_child"][old]), int(nodes["right_child"][old])
            new_nodes["left_child"][i], new_nodes["right_child"][i] = new_id[lo], new_id[hi]
            depth[lo] = depth[hi] = depth[old] + 1
        else:
            new_nodes["left_child"][i] = new_nodes["right_child"][i] = -1  # TREE_LEAF
            new_nodes["feature"][i], new_nodes["threshold"][i] = -2, -2.0  # TREE_UNDEFINED
    tree_cls = type(est.tree_)
    new = tree_cls(*est.tree_.__reduce__()[1])
    new.__setstate__({"max_depth": max(depth[o] for o in order), "node_count": len(order),
                      "nodes": new_nodes, "values": values[order].copy()})
    est.tree_ = new


def fit_rpart(x: pd.DataFrame, y: pd.Series, *, seed: int, cp: Any = 0.01, maxdepth: Any = 30,
              minsplit: Any = 20, case_weights: Any = None, **engine_args: Any) -> SklearnFit:
    """The "rpart" engine: a CART tree grown as rpart grows it and pruned by rpart's ``cp`` rule.

    The tree is grown by scikit-learn (Gini splits for classes, squared error for numbers, split
    points half-way between values, ``minsplit`` / ``minbucket = round(minsplit / 3)`` /
    ``maxdepth``, rpart's defaults), then cut back with rpart's own complexity recursion
    (``partition()`` in rpart's C code) on rpart's *risk*: misclassified weight for classification
    (rpart's default priors and losses) and the sum of squares for regression, with
    ``alpha = cp * risk(root)``. Class probabilities are the leaf's class proportions, as
    ``predict(type = "prob")`` of an rpart fit. Known differences from R's rpart: factor
    predictors are one-hot encoded (rpart splits a factor's levels into two groups), missing
    values follow scikit-learn (rpart uses surrogate splits), ties between equally good splits may
    be broken differently, and ``vi()`` is scikit-learn's impurity importance (rpart's
    ``variable.importance`` also credits surrogate splits). Other rpart.control arguments raise
    NotImplementedError.

    Examples
    --------
    >>> x = pd.DataFrame({"a": np.arange(60.0) % 17, "b": np.arange(60.0) % 7})
    >>> y = pd.Series(pd.Categorical(np.where(x["a"] > 8, "u", "v")))
    >>> f = fit_rpart(x, y, seed=1)
    >>> int(f.estimator.get_n_leaves()), f.engine
    (2, 'rpart')
    """
    tree = sklearn_module("tree", "decision_tree(engine='rpart')")
    extra = {k: v for k, v in engine_args.items() if k not in ("xval", "maxcompete", "maxsurrogate",
                                                                  "usesurrogate", "surrogatestyle")}
    if extra:
        raise NotImplementedError(
            f"decision_tree(engine='rpart') does not build the rpart argument(s) {sorted(extra)}; "
            "supported: cp, maxdepth, minsplit (main arguments) and the cross-validation/surrogate "
            "settings xval, maxcompete, maxsurrogate, usesurrogate, surrogatestyle, which do not change "
            "the tree."
        )
    classification = isinstance(y.dtype, pd.CategoricalDtype)
    enc, X, yy, w = _prepare(x, y, case_weights)
    cp = float(cp)
    if cp < 0:
        raise InvalidParameterError(f"`cost_complexity` in decision_tree() must be >= 0; got {cp!r}.")
    min_split = cap_min_n(minsplit, len(X), "decision_tree")
    if min_split < 2:
        raise InvalidParameterError(f"`min_n` in decision_tree() must be at least 2; got {minsplit!r}.")
    cls = tree.DecisionTreeClassifier if classification else tree.DecisionTreeRegressor
    est = cls(max_depth=int(maxdepth), min_samples_split=min_split,
              min_samples_leaf=max(1, int(round(min_split / 3))), random_state=seed)
    est.fit(X, yy, sample_weight=w)
    t = est.tree_
    weight = t.weighted_n_node_samples
    if classification:
        risk = weight * (1.0 - t.value[:, 0, :].max(axis=1))
    else:
        risk = weight * t.impurity
    keep = _rpart_keep(t.children_left, t.children_right, risk, cp * float(risk[0]))
    _pruned_tree(est, keep)
    return SklearnFit(est, enc, levels_of(y), "rpart", allow_nan=True)
