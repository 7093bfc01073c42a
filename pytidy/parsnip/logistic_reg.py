"""``logistic_reg()`` and its ``glm`` engine (R: parsnip ``R/logistic_reg.R``)."""

from __future__ import annotations

from typing import Any

from ..engines.linear import fit_glmnet, fit_glm
from ..engines.linear.glmnet import multi_predict_glmnet
from ..engines.sklearn.linear import fit_sklearn_logistic
from ._lazy import lazy
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["logistic_reg"]

register_model(ModelInfo("logistic_reg", modes=("classification",), main_args=("penalty", "mixture"),
                         default_engine="glm", label="Logistic Regression"))

register_engine(EngineInfo(
    model="logistic_reg", engine="glm", mode="classification", fit=fit_glm, encoding="traditional", case_weights=True,
    predict={"prob": lambda m, x: m.predict_prob(x)},
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    args=(),  # R: no main argument of this model maps to an argument of stats::glm
))


register_engine(EngineInfo(
    model="logistic_reg", engine="glmnet", mode="classification", fit=fit_glmnet, encoding="traditional", case_weights=True,
    predict={"prob": lambda m, x: m.predict_prob(x)},
    multi_predict={"penalty": multi_predict_glmnet},  # R: multi_predict(penalty = ) of glmnet fits
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    defaults={"mixture": 1.0},
    args=("penalty", "mixture"),
))

# "sklearn": LogisticRegression with glmnet's meaning of penalty and mixture.
register_engine(EngineInfo(
    model="logistic_reg", engine="sklearn", mode="classification", fit=fit_sklearn_logistic,
    encoding="traditional", predict={"prob": lambda m, x: m.predict_prob(x), "raw": lambda m, x: m.predict_raw(x)},
    tunable={"penalty": lazy("pytidy.dials", "penalty"), "mixture": lazy("pytidy.dials", "mixture")},
    args=("penalty", "mixture"), case_weights=True, importance=lambda m: m.importance(),
))


def logistic_reg(mode: str = "classification", engine: str = "glm", penalty: Any = None,
                 mixture: Any = None) -> ModelSpec:
    """A two-class logistic regression specification (R: ``parsnip::logistic_reg()``).

    The ``glm`` engine models the probability of the *second* level, as R's ``glm`` does; the
    predicted probabilities are returned for both levels as ``.pred_<level>``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5],
    ...                    "y": pd.Categorical(["a", "a", "b", "a", "b", "b"])})
    >>> fit = logistic_reg().fit("y ~ x", data=df)
    >>> fit.predict(df.head(2), type="prob").round(3)
       .pred_a  .pred_b
    0    0.954    0.046
    1    0.861    0.139
    """
    return new_model_spec("logistic_reg", {"penalty": penalty, "mixture": mixture}, mode=mode, engine=engine)
