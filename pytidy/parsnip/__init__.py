"""parsnip: model specifications, the engine registry, fitting and predicting."""

from .fit import ModelFit, fit_xy
from .linear_reg import linear_reg
from .logistic_reg import logistic_reg
from .registry import EngineInfo, ModelInfo, register_engine, register_model, show_engines, temporary_engine
from .spec import ModelSpec, new_model_spec
from .tabnet import tabnet
from .mlp import mlp

__all__ = [
    "ModelSpec", "ModelFit", "EngineInfo", "ModelInfo", "new_model_spec", "fit_xy",
    "register_engine", "register_model", "show_engines", "temporary_engine",
    "linear_reg", "logistic_reg", "tabnet",
    "mlp",
]  # fmt: skip
