"""``nearest_neighbor()`` (R: parsnip ``R/nearest_neighbor.R`` + ``R/nearest_neighbor_data.R``).

Engine ``"sklearn"``: scikit-learn's neighbour search with kknn's scaling and kernels (parsnip's
default engine "kknn"); see :mod:`pytidy.engines.sklearn.neighbors`.
"""

from __future__ import annotations

from typing import Any

from ..engines.sklearn.neighbors import fit_knn
from ._zoo import dials, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["nearest_neighbor"]

register_model(ModelInfo("nearest_neighbor", modes=("classification", "regression"),
                         main_args=("neighbors", "weight_func", "dist_power"), default_engine="sklearn",
                         label="K-Nearest Neighbor"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="nearest_neighbor", engine="sklearn", mode=_mode, fit=fit_knn, encoding="none",
        predict=predict_table(_mode, raw=False, cls=True),
        arg_map={"neighbors": "n_neighbors", "weight_func": "weights", "dist_power": "p"},
        tunable={"neighbors": dials("neighbors"),
                 "weight_func": dials("weight_func"),
                 "dist_power": dials("dist_power")},
        defaults={"n_neighbors": 5, "weights": "optimal", "p": 2, "scale": True},
        args=("neighbors", "weight_func", "dist_power"),
    ))


def nearest_neighbor(mode: str = "unknown", engine: str = "sklearn", neighbors: Any = None,
                     weight_func: Any = None, dist_power: Any = None) -> ModelSpec:
    """A k-nearest-neighbour specification (R: ``parsnip::nearest_neighbor()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"sklearn"}, default "sklearn"
        kknn's computation (parsnip's default engine) with scikit-learn's neighbour search.
    neighbors : int or tune(), optional
        Number of neighbours (default 5).
    weight_func : str or tune(), optional
        kknn's kernel (default "optimal"): "rectangular", "triangular", "epanechnikov",
        "biweight", "triweight", "cos", "inv", "gaussian", "rank" or "optimal".
    dist_power : float or tune(), optional
        Minkowski distance power (default 2, Euclidean).

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"x": np.arange(10.0), "y": np.arange(10.0) ** 2})
    >>> fit = nearest_neighbor(neighbors=3, weight_func="rectangular").set_mode("regression").fit("y ~ x", data=df)
    >>> fit.predict(pd.DataFrame({"x": [4.0]}))[".pred"].round(3).tolist()
    [16.667]
    """
    return new_model_spec("nearest_neighbor", {"neighbors": neighbors, "weight_func": weight_func,
                                               "dist_power": dist_power}, mode=mode, engine=engine)
