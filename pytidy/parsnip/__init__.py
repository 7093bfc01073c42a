"""parsnip: model specifications, the engine registry, fitting and predicting."""

from .boost_tree import boost_tree
from .decision_tree import decision_tree
from .fit import ModelFit, fit_xy
from .importance import vi, vi_model, vi_permute, vip
from .linear_reg import linear_reg
from .logistic_reg import logistic_reg
from .multinom_reg import multinom_reg
from .naive_Bayes import naive_Bayes
from .nearest_neighbor import nearest_neighbor
from .null_model import null_model
from .poisson_reg import poisson_reg
from .rand_forest import rand_forest
from .registry import EngineInfo, ModelInfo, register_engine, register_model, show_engines, temporary_engine
from .registry import load_engine_plugins, registered_engines, temporary_model, unregister_engine, unregister_model
from .spec import ModelSpec, new_model_spec
from .svm_linear import svm_linear
from .svm_poly import svm_poly
from .svm_rbf import svm_rbf
from .tabnet import tabnet, tabnet_config, tabnet_fit, tabnet_pretrain
from .translate import translate
from .mlp import mlp

__all__ = [
    "ModelSpec", "ModelFit", "EngineInfo", "ModelInfo", "new_model_spec", "fit_xy",
    "register_engine", "register_model", "show_engines", "temporary_engine",
    "linear_reg", "logistic_reg", "tabnet", "tabnet_config", "tabnet_fit", "tabnet_pretrain",
    "unregister_engine", "unregister_model", "temporary_model", "registered_engines", "translate",
    "rand_forest", "boost_tree", "decision_tree", "nearest_neighbor", "svm_rbf", "svm_linear", "svm_poly",
    "naive_Bayes", "multinom_reg", "poisson_reg", "null_model", "vi", "vip", "vi_model", "vi_permute",
    "mlp",
    "load_engine_plugins",
]  # fmt: skip
