"""``svm_poly()`` (R: parsnip ``R/svm_poly.R`` + ``R/svm_poly_data.R``).

Engine ``"sklearn"``: ``SVC``/``SVR`` with kernlab's semantics (see :mod:`pytidy.engines.sklearn.svm`).
parsnip's default engine is "kernlab".
"""

from __future__ import annotations

import functools
from typing import Any

from ..engines.sklearn.svm import fit_svm
from ._zoo import dials, predict_table
from .registry import EngineInfo, ModelInfo, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["svm_poly"]

register_model(ModelInfo("svm_poly", modes=("classification", "regression"),
                         main_args=("cost", "degree", "scale_factor", "margin"),
                         default_engine="sklearn", label="Polynomial Support Vector Machine"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="svm_poly", engine="sklearn", mode=_mode, fit=functools.partial(fit_svm, kernel="poly"),
        encoding="traditional", predict=predict_table(_mode, cls=True),
        arg_map={"cost": "C", "degree": "degree", "scale_factor": "scale_factor", "margin": "epsilon"},
        tunable={"cost": dials("cost"), "degree": dials("degree"), "scale_factor": dials("scale_factor"),
                 "margin": dials("svm_margin")},
        defaults={"C": 1.0, "degree": 1, "scale_factor": 1.0, "epsilon": 0.1, "scaled": True},
        args=("cost", "degree", "scale_factor", "margin")
        if _mode == "regression" else ("cost", "degree", "scale_factor"), case_weights=True,
    ))


def svm_poly(mode: str = "unknown", engine: str = "sklearn",
             cost: Any = None, degree: Any = None, scale_factor: Any = None, margin: Any = None) -> ModelSpec:
    """A polynomial support vector machine specification (R: ``parsnip::svm_poly()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"sklearn"}, default "sklearn"
    cost : float or tune(), optional
        Cost of a point on the wrong side of the margin (default 1).
    degree : int or tune(), optional
        Polynomial degree (default 1, kernlab's ``polydot``).
    scale_factor : float or tune(), optional
        Scale of the inner product in ``(scale_factor <x, x'> + 1) ^ degree`` (default 1).
    margin : float or tune(), optional
        The epsilon of the insensitive loss in regression (default 0.1); unused for classification.

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> dict(svm_poly(degree=2).set_mode("classification").translate())
    {'C': 1.0, 'degree': 2, 'scale_factor': 1.0, 'epsilon': 0.1, 'scaled': True}
    """
    args = {"cost": cost, "degree": degree, "scale_factor": scale_factor, "margin": margin}
    return new_model_spec("svm_poly", args, mode=mode, engine=engine)
