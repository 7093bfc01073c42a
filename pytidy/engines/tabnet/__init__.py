"""TabNet's torch engine (Arik & Pfister, arXiv 1908.07442), after mlverse/tabnet.

``model.py`` holds the modules, ``train.py`` the training loop, ``explain.py`` masks, importances
and their plots, ``engine.py`` the functions the parsnip registry calls, ``params.py`` the dials
parameters.
"""

from .engine import TabNetFit, fit_tabnet
from .explain import TabnetExplain, tabnet_explain, vi, vip
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
    "vi",
    "vip",
    "TabnetExplain",
    "TabNetFit",
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
