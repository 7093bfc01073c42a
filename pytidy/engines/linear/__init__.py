"""Reference engines written with numpy/scipy: ``lm`` (linear_reg) and ``glm`` (logistic_reg), ``glmnet`` (both)."""

from .glm import GlmFit, fit_glm
from .glmnet import GlmnetFit, fit_glmnet
from .lm import LmFit, fit_lm

__all__ = ["LmFit", "fit_lm", "GlmFit", "fit_glm", "GlmnetFit", "fit_glmnet"]
