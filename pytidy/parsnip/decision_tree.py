"""``decision_tree()`` (R: parsnip ``R/decision_tree.R`` + ``R/decision_tree_data.R``).

Engine ``"sklearn"``: a CART tree with rpart's defaults and rpart's *relative* complexity parameter
(see :func:`pytidy.engines.sklearn.fit_decision_tree`); scikit-learn prunes classification trees
on Gini impurity. Engine ``"rpart"`` (parsnip's default engine; pytidy's default stays
``"sklearn"``) grows the same tree and prunes it with rpart's own complexity recursion on rpart's
risk (misclassification for classes), see :func:`pytidy.engines.sklearn.trees.fit_rpart` for what
still differs from R's rpart.
"""

from __future__ import annotations

from typing import Any

from ..engines.sklearn.trees import fit_decision_tree, fit_rpart, ranger_importance
from ._zoo import dials, native_importance, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["decision_tree"]

register_model(ModelInfo("decision_tree", modes=("classification", "regression"),
                         main_args=("cost_complexity", "tree_depth", "min_n"), default_engine="sklearn",
                         label="Decision Tree"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="decision_tree", engine="sklearn", mode=_mode, fit=fit_decision_tree, encoding="one_hot",
        predict=predict_table(_mode, raw=False),
        arg_map={"cost_complexity": "cp", "tree_depth": "max_depth", "min_n": "min_samples_split"},
        tunable={"cost_complexity": dials("cost_complexity"), "tree_depth": dials("tree_depth"),
                 "min_n": dials("min_n")},
        defaults={"cp": 0.01, "max_depth": 30, "min_samples_split": 20},
        args=("cost_complexity", "tree_depth", "min_n"), case_weights=True, importance=native_importance,
    ))
    register_engine(EngineInfo(
        model="decision_tree", engine="rpart", mode=_mode, fit=fit_rpart, encoding="none",
        predict=predict_table(_mode, raw=False),
        arg_map={"cost_complexity": "cp", "tree_depth": "maxdepth", "min_n": "minsplit"},
        tunable={"cost_complexity": dials("cost_complexity"), "tree_depth": dials("tree_depth"),
                 "min_n": dials("min_n")},
        defaults={"cp": 0.01, "maxdepth": 30, "minsplit": 20},
        args=("cost_complexity", "tree_depth", "min_n"), case_weights=True, importance=ranger_importance,
    ))


def decision_tree(mode: str = "unknown", engine: str = "sklearn", cost_complexity: Any = None,
                  tree_depth: Any = None, min_n: Any = None) -> ModelSpec:
    """A single decision tree specification (R: ``parsnip::decision_tree()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"sklearn", "rpart"}, default "sklearn"
        parsnip's default engine is "rpart"; see the module notes for how they differ.
    cost_complexity : float or tune(), optional
        rpart's ``cp`` (default 0.01): a split must improve the fit by this fraction of the root's
        impurity; the engine passes ``ccp_alpha = cp * impurity(root)`` to scikit-learn.
    tree_depth : int or tune(), optional
        Maximum depth (default 30, rpart's ``maxdepth``).
    min_n : int or tune(), optional
        Smallest node that may be split (default 20, rpart's ``minsplit``); leaves have at least
        ``round(min_n / 3)`` rows (rpart's ``minbucket``).

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> dict(decision_tree(tree_depth=3).set_mode("classification").translate())
    {'cp': 0.01, 'max_depth': 3, 'min_samples_split': 20}
    """
    return new_model_spec("decision_tree", {"cost_complexity": cost_complexity, "tree_depth": tree_depth,
                                            "min_n": min_n}, mode=mode, engine=engine)
