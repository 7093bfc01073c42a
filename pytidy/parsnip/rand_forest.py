"""``rand_forest()`` and its engines (R: parsnip ``R/rand_forest.R`` + ``R/rand_forest_data.R``).

Engines: ``"sklearn"`` (the default here; parsnip's default is ``"ranger"``) and ``"ranger"``, the
same scikit-learn forest addressed with ranger's argument names (``mtry``, ``num.trees``,
``min.node.size``). Both follow ranger's defaults; see :mod:`pytidy.engines.sklearn.trees`.
"""

from __future__ import annotations

from typing import Any

from ..engines.sklearn.trees import fit_rand_forest, fit_ranger, ranger_importance
from ._zoo import dials, native_importance, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["rand_forest"]

register_model(ModelInfo("rand_forest", modes=("classification", "regression"),
                         main_args=("mtry", "trees", "min_n"), default_engine="sklearn", label="Random Forest"))

_TUNABLE = {"mtry": dials("mtry"), "trees": dials("trees"), "min_n": dials("min_n")}

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="rand_forest", engine="sklearn", mode=_mode, fit=fit_rand_forest, encoding="one_hot",
        predict=predict_table(_mode, raw=False),
        arg_map={"mtry": "max_features", "trees": "n_estimators", "min_n": "min_samples_split"},
        tunable=_TUNABLE, defaults={"n_estimators": 500, "n_jobs": 1}, args=("mtry", "trees", "min_n"),
        case_weights=True, importance=native_importance,
    ))
    register_engine(EngineInfo(
        model="rand_forest", engine="ranger", mode=_mode, fit=fit_ranger, encoding="none",
        predict=predict_table(_mode, raw=False),
        arg_map={"mtry": "mtry", "trees": "num.trees", "min_n": "min.node.size"},
        tunable=_TUNABLE, defaults={"num.trees": 500, "num.threads": 1}, args=("mtry", "trees", "min_n"),
        case_weights=True, importance=ranger_importance,
    ))


def rand_forest(mode: str = "unknown", engine: str = "sklearn", mtry: Any = None, trees: Any = None,
                min_n: Any = None) -> ModelSpec:
    """A random forest specification (R: ``parsnip::rand_forest()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
        Set it here or with ``set_mode()`` before fitting.
    engine : {"sklearn", "ranger"}, default "sklearn"
        scikit-learn's random forest with ranger's defaults (parsnip's default engine is
        "ranger"; ``"ranger"`` here is the same forest under ranger's argument names).
    mtry : int or tune(), optional
        Predictors sampled at each split (default ``floor(sqrt(p))``, ranger's default in both
        modes; a value above p is capped at p with a warning, as parsnip).
    trees : int or tune(), optional
        Number of trees (default 500).
    min_n : int or tune(), optional
        Smallest node that may be split (default 5 for regression, 10 for classification: ranger's
        ``min.node.size`` for regression and probability forests).

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"x": np.arange(30.0), "y": np.arange(30.0) * 2})
    >>> spec = rand_forest(trees=20).set_mode("regression")
    >>> dict(spec.translate())
    {'n_estimators': 20, 'n_jobs': 1}
    >>> fit = spec.fit("y ~ x", data=df, seed=1)
    >>> fit.predict(df.head(2)).shape
    (2, 1)
    """
    return new_model_spec("rand_forest", {"mtry": mtry, "trees": trees, "min_n": min_n}, mode=mode, engine=engine)
