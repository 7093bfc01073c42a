"""``null_model()`` (R: parsnip ``R/nullmodel.R`` + ``R/nullmodel_data.R``): the no-information baseline."""

from __future__ import annotations

from ..engines.null import fit_null
from ._zoo import predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["null_model"]

register_model(ModelInfo("null_model", modes=("classification", "regression"), main_args=(),
                         default_engine="parsnip", label="Null Model"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="null_model", engine="parsnip", mode=_mode, fit=fit_null, encoding="none",
        predict=predict_table(_mode, raw=False, cls=True), args=(), case_weights=True,
    ))


def null_model(mode: str = "classification", engine: str = "parsnip") -> ModelSpec:
    """A null model: the outcome's mean, or its most frequent class (R: ``parsnip::null_model()``).

    Classification probabilities are the class frequencies of the training outcome; ties for the
    most frequent class go to the earlier level, as R's ``which.max``.

    Parameters
    ----------
    mode : {"classification", "regression"}, default "classification"
    engine : {"parsnip"}, default "parsnip"

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1.0, 2, 3], "y": [1.0, 2.0, 6.0]})
    >>> null_model(mode="regression").fit("y ~ x", data=df).predict(df)[".pred"].tolist()
    [3.0, 3.0, 3.0]
    """
    return new_model_spec("null_model", {}, mode=mode, engine=engine)
