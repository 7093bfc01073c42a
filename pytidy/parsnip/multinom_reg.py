"""``multinom_reg()`` (R: parsnip ``R/multinom_reg.R`` + ``R/multinom_reg_data.R``).

Engine ``"sklearn"``: multinomial ``LogisticRegression`` with glmnet's meaning of ``penalty`` and
``mixture`` (see :mod:`pytidy.engines.sklearn.linear`). parsnip's default engine is "nnet"; a
"glmnet" engine name is not offered (scikit-learn does not standardise predictors as glmnet does).
"""

from __future__ import annotations

import functools
from typing import Any

from ..engines.sklearn.linear import fit_sklearn_logistic
from ._zoo import dials, native_importance, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["multinom_reg"]

register_model(ModelInfo("multinom_reg", modes=("classification",), main_args=("penalty", "mixture"),
                         default_engine="sklearn", label="Multinomial Regression"))

register_engine(EngineInfo(
    model="multinom_reg", engine="sklearn", mode="classification",
    fit=functools.partial(fit_sklearn_logistic, model="multinom_reg"), encoding="traditional",
    predict=predict_table("classification"),
    tunable={"penalty": dials("penalty"), "mixture": dials("mixture")},
    args=("penalty", "mixture"), case_weights=True, importance=native_importance,
))


def multinom_reg(mode: str = "classification", engine: str = "sklearn", penalty: Any = None,
                 mixture: Any = None) -> ModelSpec:
    """A multinomial regression specification (R: ``parsnip::multinom_reg()``).

    Parameters
    ----------
    mode : {"classification"}, default "classification"
    engine : {"sklearn"}, default "sklearn"
    penalty : float or tune(), optional
        glmnet's lambda (default 0: no penalty).
    mixture : float or tune(), optional
        Proportion of lasso penalty (default 1 when ``penalty`` is set, as parsnip's glmnet).

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [0.0, 0.1, 1.0, 1.1, 2.0, 2.1, 0.5, 1.5, 2.5],
    ...                    "y": pd.Categorical(list("aabbccabc"))})
    >>> multinom_reg().fit("y ~ x", data=df).predict(df, type="prob").shape
    (9, 3)
    """
    return new_model_spec("multinom_reg", {"penalty": penalty, "mixture": mixture}, mode=mode, engine=engine)
