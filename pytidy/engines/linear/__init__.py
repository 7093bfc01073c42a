"""Reference engines written with numpy/scipy: ``lm`` (linear_reg) and ``glm`` (logistic_reg)."""

from .glm import GlmFit, fit_glm
from .lm import LmFit, fit_lm

__all__ = ["LmFit", "fit_lm", "GlmFit", "fit_glm"]
