"""``poisson_reg()`` (R: poissonreg ``R/poisson_reg.R`` + ``R/poisson_reg_data.R``).

Engines: ``"glm"`` (default; IRLS as R's ``glm(family = poisson)``) and ``"sklearn"``
(``PoissonRegressor``, ridge penalty with glmnet's scaling of ``penalty``).
"""

from __future__ import annotations

from typing import Any

from ..engines.poisson import fit_poisson_glm
from ..engines.sklearn.linear import fit_sklearn_poisson
from ._zoo import dials, native_importance, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["poisson_reg"]

register_model(ModelInfo("poisson_reg", modes=("regression",), main_args=("penalty", "mixture"),
                         default_engine="glm", label="Poisson Regression"))

register_engine(EngineInfo(
    model="poisson_reg", engine="glm", mode="regression", fit=fit_poisson_glm, encoding="traditional",
    predict=predict_table("regression"), args=(), case_weights=True,
))
register_engine(EngineInfo(
    model="poisson_reg", engine="sklearn", mode="regression", fit=fit_sklearn_poisson, encoding="traditional",
    predict={"numeric": lambda m, x: m.predict_numeric(x)},
    tunable={"penalty": dials("penalty")}, defaults={"mixture": 0.0},
    args=("penalty", "mixture"), case_weights=True, importance=native_importance,
))


def poisson_reg(mode: str = "regression", penalty: Any = None, mixture: Any = None,
                engine: str = "glm") -> ModelSpec:
    """A Poisson regression specification (R: ``poissonreg::poisson_reg()``, same argument order).

    Parameters
    ----------
    mode : {"regression"}, default "regression"
    penalty : float or tune(), optional
        Ridge penalty of the "sklearn" engine (glmnet's lambda); "glm" does not use it.
    mixture : float, optional
        Must be 0 for the "sklearn" engine (ridge only).
    engine : {"glm", "sklearn"}, default "glm"

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [1.0, 2, 4, 8]})
    >>> poisson_reg().fit("y ~ x", data=df).predict(df)[".pred"].round(4).tolist()
    [1.0, 2.0, 4.0, 8.0]
    """
    return new_model_spec("poisson_reg", {"penalty": penalty, "mixture": mixture}, mode=mode, engine=engine)
