"""``naive_Bayes()`` (R: parsnip ``R/naive_Bayes.R``; engines in the discrim package).

Engine ``"sklearn"``: Gaussian densities for numeric predictors (kernel densities with
``set_engine("sklearn", usekernel=True)``, R's klaR default) and Laplace-corrected counts for
factors; see :mod:`pytidy.engines.sklearn.naive_bayes`.
"""

from __future__ import annotations

from typing import Any

from ..engines.sklearn.naive_bayes import fit_naive_bayes
from ._zoo import dials, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["naive_Bayes"]

register_model(ModelInfo("naive_Bayes", modes=("classification",), main_args=("smoothness", "Laplace"),
                         default_engine="sklearn", label="Naive Bayes"))

register_engine(EngineInfo(
    model="naive_Bayes", engine="sklearn", mode="classification", fit=fit_naive_bayes, encoding="none",
    predict=predict_table("classification", raw=False),
    arg_map={"smoothness": "smoothness", "Laplace": "alpha"},
    tunable={"smoothness": dials("smoothness"), "Laplace": dials("Laplace")},
    defaults={"alpha": 0.0, "usekernel": False},
    args=("smoothness", "Laplace"),
))


def naive_Bayes(mode: str = "classification", smoothness: Any = None, Laplace: Any = None,  # noqa: N802,N803
                engine: str = "sklearn") -> ModelSpec:
    """A naive Bayes specification (R: ``parsnip::naive_Bayes()``, same argument order).

    Parameters
    ----------
    mode : {"classification"}, default "classification"
    smoothness : float or tune(), optional
        Kernel bandwidth adjustment (default 1; R's ``density(adjust =)``); needs
        ``set_engine("sklearn", usekernel=True)``.
    Laplace : float or tune(), optional
        Laplace correction added to the counts of categorical predictors (default 0, klaR's ``fL``).
    engine : {"sklearn"}, default "sklearn"
        parsnip's default engine is "klaR".

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [0.0, 0.2, 1.0, 1.2], "y": pd.Categorical(["a", "a", "b", "b"])})
    >>> naive_Bayes(Laplace=1).fit("y ~ x", data=df).predict(df)[".pred_class"].tolist()
    ['a', 'a', 'b', 'b']
    """
    return new_model_spec("naive_Bayes", {"smoothness": smoothness, "Laplace": Laplace}, mode=mode, engine=engine)
