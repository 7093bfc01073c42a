"""``svm_linear()`` (R: parsnip ``R/svm_linear.R`` + ``R/svm_linear_data.R``).

Engine ``"sklearn"``: ``SVC``/``SVR`` with kernlab's semantics (see :mod:`pytidy.engines.sklearn.svm`).
parsnip's default engine is "LiblineaR".
"""

from __future__ import annotations

import functools
from typing import Any

from ..engines.sklearn.svm import fit_svm
from ._zoo import dials, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["svm_linear"]

register_model(ModelInfo("svm_linear", modes=("classification", "regression"),
                         main_args=("cost", "margin"),
                         default_engine="sklearn", label="Linear Support Vector Machine"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="svm_linear", engine="sklearn", mode=_mode, fit=functools.partial(fit_svm, kernel="linear"),
        encoding="traditional", predict=predict_table(_mode, cls=True),
        arg_map={"cost": "C", "margin": "epsilon"},
        tunable={"cost": dials("cost"), "margin": dials("svm_margin")},
        defaults={"C": 1.0, "epsilon": 0.1, "scaled": True},
        args=("cost", "margin")
        if _mode == "regression" else ("cost",), case_weights=True,
    ))


def svm_linear(mode: str = "unknown", engine: str = "sklearn",
               cost: Any = None, margin: Any = None) -> ModelSpec:
    """A linear support vector machine specification (R: ``parsnip::svm_linear()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"sklearn"}, default "sklearn"
    cost : float or tune(), optional
        Cost of a point on the wrong side of the margin (default 1).
    margin : float or tune(), optional
        The epsilon of the insensitive loss in regression (default 0.1); unused for classification.

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> dict(svm_linear(cost=0.5).set_mode("regression").translate())
    {'C': 0.5, 'epsilon': 0.1, 'scaled': True}
    """
    return new_model_spec("svm_linear", {"cost": cost, "margin": margin}, mode=mode, engine=engine)
