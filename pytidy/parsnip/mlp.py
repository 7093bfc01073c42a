"""``mlp()`` and its ``torch`` engine (R: parsnip ``R/mlp.R``, engine "brulee").

The engine (``pytidy/engines/mlp/engine.py``) trains with TabNet's training loop and loads torch on
the first fit only.
"""

from __future__ import annotations

from typing import Any

from ._lazy import lazy
from .registry import EngineInfo, ModelInfo, get_model, register_engine, register_model
from .spec import ModelSpec, new_model_spec

__all__ = ["mlp"]

# parsnip's argument order: hidden_units, penalty, dropout, epochs, activation, learn_rate.
_MAIN_ARGS = ("hidden_units", "penalty", "dropout", "epochs", "activation", "learn_rate")

try:  # another engine module may have declared the model already (one declaration, many engines)
    get_model("mlp")
except Exception:  # noqa: BLE001 - not registered yet
    register_model(ModelInfo("mlp", modes=("classification", "regression"), main_args=_MAIN_ARGS,
                             default_engine="torch", label="Single Layer Neural Network"))

_TUNABLE = {
    "hidden_units": lazy("pytidy.dials", "hidden_units"),
    "penalty": lazy("pytidy.dials", "penalty"),
    "dropout": lazy("pytidy.dials", "dropout"),
    "epochs": lazy("pytidy.dials", "epochs"),
    "activation": lazy("pytidy.dials", "activation"),
    "learn_rate": lazy("pytidy.dials", "learn_rate"),
    "batch_size": lazy("pytidy.dials", "batch_size"),
}

for _mode, _predict in (
    ("classification", {"prob": lambda m, x: m.predict_proba(x), "class": lambda m, x: m.predict_class(x)}),
    ("regression", {"numeric": lambda m, x: m.predict_numeric(x)}),
):
    register_engine(EngineInfo(
        model="mlp", engine="torch", mode=_mode, fit=lazy("pytidy.engines.mlp.engine", "fit_mlp"),
        predict=_predict, encoding="traditional", tunable=_TUNABLE, case_weights=True,
        defaults={"hidden_units": 3, "penalty": 0.001, "dropout": 0.0, "epochs": 100, "learn_rate": 0.01,
                  "activation": "relu", "validation": 0.1, "stop_iter": 5},
    ))


def mlp(mode: str = "unknown", engine: str = "torch", hidden_units: Any = None, penalty: Any = None,
        dropout: Any = None, epochs: Any = None, activation: Any = None, learn_rate: Any = None) -> ModelSpec:
    """A multilayer perceptron specification (R: ``parsnip::mlp()``).

    Parameters
    ----------
    mode : {"unknown", "classification", "regression"}
    engine : str, default "torch"
        pytidy's torch network, after R's "brulee" engine (see ``pytidy.engines.mlp.engine``).
    hidden_units : int or sequence of int, default 3
    penalty : float, default 0.001
        L2 penalty on the weights.
    dropout : float, default 0
    epochs : int, default 100
    activation : str, default "relu"
    learn_rate : float, default 0.01
        Engine arguments (``set_engine("torch", batch_size=, validation=0.1, stop_iter=5,
        optimizer="adam", momentum=)``) are brulee's.

    Examples
    --------
    >>> spec = mlp(hidden_units=5, epochs=20).set_mode("regression")
    >>> spec.args["hidden_units"], spec.engine
    (5, 'torch')
    """
    args = {"hidden_units": hidden_units, "penalty": penalty, "dropout": dropout, "epochs": epochs,
            "activation": activation, "learn_rate": learn_rate}
    return new_model_spec("mlp", args, mode=mode, engine=engine)
