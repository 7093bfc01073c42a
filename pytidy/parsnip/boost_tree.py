"""``boost_tree()`` and its engines (R: parsnip ``R/boost_tree.R`` + ``R/boost_tree_data.R``, bonsai).

Engines: ``"xgboost"`` (default, parsnip's ``xgb_train``), ``"lightgbm"`` (bonsai's
``train_lightgbm``) and ``"sklearn"`` (``HistGradientBoosting*``, pytidy's own mapping). All three
predict any number of trees from one fit (``multi_predict`` for ``trees``).
"""

from __future__ import annotations

from typing import Any

from ..engines.boost.lightgbm import fit_lightgbm, lgb_multi_predict
from ..engines.boost.xgboost import fit_xgboost, xgb_multi_predict
from ..engines.sklearn.hist_boost import fit_hist_boost, hist_boost_multi_predict
from ._zoo import dials, native_importance, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["boost_tree"]

_ARGS = ("mtry", "trees", "min_n", "tree_depth", "learn_rate", "loss_reduction", "sample_size", "stop_iter")

register_model(ModelInfo("boost_tree", modes=("classification", "regression"), main_args=_ARGS,
                         default_engine="xgboost", label="Boosted Tree"))

_TUNABLE = {"mtry": dials("mtry"), "trees": dials("trees"), "min_n": dials("min_n"),
            "tree_depth": dials("tree_depth"), "learn_rate": dials("learn_rate"),
            "loss_reduction": dials("loss_reduction"), "sample_size": dials("sample_prop"),
            "stop_iter": dials("stop_iter")}

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="boost_tree", engine="xgboost", mode=_mode, fit=fit_xgboost, encoding="one_hot",
        predict=predict_table(_mode),
        arg_map={"tree_depth": "max_depth", "trees": "nrounds", "learn_rate": "eta", "mtry": "colsample_bynode",
                 "min_n": "min_child_weight", "loss_reduction": "gamma", "sample_size": "subsample",
                 "stop_iter": "early_stop"},
        tunable=_TUNABLE, defaults={"nthread": 1, "verbose": 0}, args=_ARGS, case_weights=True,
        importance=native_importance, multi_predict={"trees": xgb_multi_predict},
        allow_missing=True,  # xgboost learns a default direction for missing values
    ))
    register_engine(EngineInfo(
        model="boost_tree", engine="lightgbm", mode=_mode, fit=fit_lightgbm, encoding="none",
        predict=predict_table(_mode),
        arg_map={"tree_depth": "max_depth", "trees": "num_iterations", "learn_rate": "learning_rate",
                 "mtry": "feature_fraction_bynode", "min_n": "min_data_in_leaf",
                 "loss_reduction": "min_gain_to_split", "sample_size": "bagging_fraction",
                 "stop_iter": "early_stopping_round"},
        tunable=_TUNABLE, defaults={"verbose": -1, "num_threads": 1, "deterministic": True}, args=_ARGS,
        case_weights=True, importance=native_importance, multi_predict={"trees": lgb_multi_predict},
        allow_missing=True,
    ))
    register_engine(EngineInfo(
        model="boost_tree", engine="sklearn", mode=_mode, fit=fit_hist_boost, encoding="one_hot",
        predict=predict_table(_mode),
        arg_map={"tree_depth": "max_depth", "trees": "max_iter", "learn_rate": "learning_rate",
                 "mtry": "max_features", "min_n": "min_samples_leaf", "stop_iter": "n_iter_no_change"},
        tunable={k: v for k, v in _TUNABLE.items() if k not in ("loss_reduction", "sample_size")},
        defaults={"early_stopping": False},
        args=("mtry", "trees", "min_n", "tree_depth", "learn_rate", "stop_iter"), case_weights=True,
        multi_predict={"trees": hist_boost_multi_predict}, allow_missing=True,
    ))


def boost_tree(mode: str = "unknown", engine: str = "xgboost", mtry: Any = None, trees: Any = None,
               min_n: Any = None, tree_depth: Any = None, learn_rate: Any = None, loss_reduction: Any = None,
               sample_size: Any = None, stop_iter: Any = None) -> ModelSpec:
    """A boosted tree ensemble specification (R: ``parsnip::boost_tree()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"xgboost", "lightgbm", "sklearn"}, default "xgboost"
    mtry : int or tune(), optional
        Predictors sampled at each split, as a count (turned into a proportion for the engine).
    trees : int or tune(), optional
        Boosting iterations (xgboost: 15, lightgbm: 100, sklearn: 100).
    min_n : int or tune(), optional
        Minimum node size (xgboost ``min_child_weight`` 1; lightgbm ``min_data_in_leaf`` 20;
        sklearn ``min_samples_leaf`` 20).
    tree_depth : int or tune(), optional
        Maximum depth (xgboost 6; lightgbm -1, no limit; sklearn None, no limit).
    learn_rate : float or tune(), optional
        Shrinkage (xgboost 0.3; lightgbm and sklearn 0.1).
    loss_reduction : float or tune(), optional
        Minimum loss reduction to split (xgboost ``gamma``, lightgbm ``min_gain_to_split``).
    sample_size : float or tune(), optional
        Proportion of rows sampled per iteration (xgboost ``subsample``, lightgbm ``bagging_fraction``).
    stop_iter : int or tune(), optional
        Iterations without improvement before stopping early.

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"x": np.arange(30.0), "y": np.sin(np.arange(30.0))})
    >>> spec = boost_tree(trees=10, learn_rate=0.1).set_mode("regression")
    >>> dict(spec.translate())
    {'nthread': 1, 'verbose': 0, 'nrounds': 10, 'eta': 0.1}
    >>> spec.fit("y ~ x", data=df, seed=1).predict(df.head(2)).shape
    (2, 1)
    """
    args = {"mtry": mtry, "trees": trees, "min_n": min_n, "tree_depth": tree_depth, "learn_rate": learn_rate,
            "loss_reduction": loss_reduction, "sample_size": sample_size, "stop_iter": stop_iter}
    return new_model_spec("boost_tree", args, mode=mode, engine=engine)
