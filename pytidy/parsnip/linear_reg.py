"""``linear_reg()`` and its ``lm`` engine (R: parsnip ``R/linear_reg.R`` + ``R/linear_reg_data.R``)."""

from __future__ import annotations

from typing import Any

from ..engines.linear import fit_glmnet, fit_lm
from ..engines.linear.glmnet import multi_predict_glmnet
from ..engines.sklearn.linear import fit_sklearn_linear
from ._lazy import lazy
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["linear_reg"]

register_model(ModelInfo("linear_reg", modes=("regression",), main_args=("penalty", "mixture"),
                         default_engine="lm", label="Linear Regression"))

register_engine(EngineInfo(
    model="linear_reg", engine="lm", mode="regression", fit=fit_lm, encoding="traditional", case_weights=True,
    predict={
        "numeric": lambda m, x: m.predict_numeric(x),
        "conf_int": lambda m, x, level=0.95: m.interval(x, level=level),
        "pred_int": lambda m, x, level=0.95: m.interval(x, level=level, prediction=True),
    },
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    args=(),  # R: no main argument of this model maps to an argument of stats::lm
))


register_engine(EngineInfo(
    model="linear_reg", engine="glmnet", mode="regression", fit=fit_glmnet, encoding="traditional", case_weights=True,
    predict={"numeric": lambda m, x: m.predict_numeric(x)},
    multi_predict={"penalty": multi_predict_glmnet},  # R: multi_predict(penalty = ) of glmnet fits
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    defaults={"mixture": 1.0},
    args=("penalty", "mixture"),
))

# "sklearn": LinearRegression / Ridge / ElasticNet with glmnet's meaning of penalty and mixture.
register_engine(EngineInfo(
    model="linear_reg", engine="sklearn", mode="regression", fit=fit_sklearn_linear, encoding="traditional",
    predict={"numeric": lambda m, x: m.predict_numeric(x)},
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    args=("penalty", "mixture"), case_weights=True, importance=lambda m: m.importance(),
))


def linear_reg(mode: str = "regression", engine: str = "lm", penalty: Any = None,
               mixture: Any = None) -> ModelSpec:
    """A linear regression specification (R: ``parsnip::linear_reg()``).

    Parameters
    ----------
    mode : str, default "regression"
        The only mode of this model.
    engine : str, default "lm"
        ``"lm"``: ordinary least squares with numpy (R's ``stats::lm``).
    penalty, mixture : float or tune(), optional
        Regularisation amount and L1 proportion, for engines that use them (``lm`` does not).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 3.0, 5.0, 7.0]})
    >>> fit = linear_reg().set_engine("lm").fit("y ~ x", data=df)
    >>> fit.predict(pd.DataFrame({"x": [5.0]}))
       .pred
    0    9.0
    """
    return new_model_spec("linear_reg", {"penalty": penalty, "mixture": mixture}, mode=mode, engine=engine)
