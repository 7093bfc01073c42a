"""Boosted-tree engines wrapping xgboost and lightgbm (optional extras ``xgboost``, ``lightgbm``)."""

from .lightgbm import LightgbmFit, fit_lightgbm
from .xgboost import XgbFit, fit_xgboost

__all__ = ["XgbFit", "fit_xgboost", "LightgbmFit", "fit_lightgbm"]
