"""parsnip: model specifications, the engine registry, fitting and predicting."""

from .fit import ModelFit, fit_xy
from .linear_reg import linear_reg
from .logistic_reg import logistic_reg
from .registry import EngineInfo, ModelInfo, register_engine, register_model, show_engines, temporary_engine
from .registry import load_engine_plugins, registered_engines, temporary_model, unregister_engine, unregister_model
from .spec import ModelSpec, new_model_spec
from .tabnet import tabnet
from .translate import translate

__all__ = [
    "ModelSpec", "ModelFit", "EngineInfo", "ModelInfo", "new_model_spec", "fit_xy",
    "register_engine", "register_model", "show_engines", "temporary_engine",
    "linear_reg", "logistic_reg", "tabnet",
    "unregister_engine", "unregister_model", "temporary_model", "registered_engines", "translate",
    "load_engine_plugins",
]  # fmt: skip
