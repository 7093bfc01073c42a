"""TabNet's torch engine (Arik & Pfister, arXiv 1908.07442), after mlverse/tabnet.

``model.py`` holds the modules, ``train.py`` the training loop, ``explain.py`` masks, importances
and their plots, ``engine.py`` the functions the parsnip registry calls, ``params.py`` the dials
parameters.

Importing this package does not import torch (``import pytidy`` stays fast): the dials
parameters are torch-free, the public verbs are thin wrappers in ``_api.py`` that load the engine
on first call, and the classes (``TabNetFit``, ``TabnetExplain``, ...) load on first attribute
access.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._api import fit_tabnet, nn_prune_head, tabnet_explain, tabnet_pretrain, vi, vip
from .params import (
    attention_width,
    decision_width,
    feature_reusage,
    mask_type,
    num_independent,
    num_shared,
    num_steps,
    tabnet_momentum,
)

__all__ = [
    "tabnet_explain",
    "tabnet_pretrain",
    "nn_prune_head",
    "vi",
    "vip",
    "fit_tabnet",
    "decision_width",
    "attention_width",
    "num_steps",
    "feature_reusage",
    "num_independent",
    "num_shared",
    "mask_type",
    "tabnet_momentum",
]

_LAZY = {
    "TabNetFit": "engine",
    "TABNET_CONFIG_DEFAULTS": "engine",
    "TabnetExplain": "explain",
    "TrainingDivergedError": "train",
}


def __getattr__(name: str) -> Any:
    """Load the torch-backed classes on first use (PEP 562)."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
