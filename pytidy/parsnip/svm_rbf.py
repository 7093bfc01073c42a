"""``svm_rbf()`` (R: parsnip ``R/svm_rbf.R`` + ``R/svm_rbf_data.R``).

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

__all__ = ["svm_rbf"]

register_model(ModelInfo("svm_rbf", modes=("classification", "regression"),
                         main_args=("cost", "rbf_sigma", "margin"),
                         default_engine="sklearn", label="Radial Basis Function Support Vector Machine"))

for _mode in ("classification", "regression"):
    register_engine(EngineInfo(
        model="svm_rbf", engine="sklearn", mode=_mode, fit=functools.partial(fit_svm, kernel="rbf"),
        encoding="traditional", predict=predict_table(_mode, cls=True),
        arg_map={"cost": "C", "rbf_sigma": "gamma", "margin": "epsilon"},
        tunable={"cost": dials("cost"), "rbf_sigma": dials("rbf_sigma"), "margin": dials("svm_margin")},
        defaults={"C": 1.0, "gamma": "sigest", "epsilon": 0.1, "scaled": True},
        args=("cost", "rbf_sigma", "margin")
        if _mode == "regression" else ("cost", "rbf_sigma"), case_weights=True,
    ))


def svm_rbf(mode: str = "unknown", engine: str = "sklearn",
            cost: Any = None, rbf_sigma: Any = None, margin: Any = None) -> ModelSpec:
    """A radial basis function support vector machine specification (R: ``parsnip::svm_rbf()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}, default "unknown"
    engine : {"sklearn"}, default "sklearn"
    cost : float or tune(), optional
        Cost of a point on the wrong side of the margin (default 1).
    rbf_sigma : float or tune(), optional
        Kernel precision ``sigma`` in ``exp(-sigma |x - x'|^2)`` (scikit-learn's ``gamma``); unset, it
        is estimated as kernlab does (``sigest`` on the scaled predictors, random pairs from the seed).
    margin : float or tune(), optional
        The epsilon of the insensitive loss in regression (default 0.1); unused for classification.

    Returns
    -------
    ModelSpec

    Examples
    --------
    >>> dict(svm_rbf(cost=2, rbf_sigma=0.1).set_mode("regression").translate())
    {'C': 2, 'gamma': 0.1, 'epsilon': 0.1, 'scaled': True}
    """
    args = {"cost": cost, "rbf_sigma": rbf_sigma, "margin": margin}
    return new_model_spec("svm_rbf", args, mode=mode, engine=engine)
