"""step_invlogit: the inverse logit transformation (R: ``recipes/R/invlogit.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ..._checks import check_bool
from ._base import ElementwiseStep, register_step, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepInvlogit", "step_invlogit"]

_EPS = np.finfo(float).eps
_THRESH = 30.0


@step_class
class StepInvlogit(ElementwiseStep):
    """Inverse logit transformation (see :func:`step_invlogit`)."""

    name: ClassVar[str] = "step_invlogit"
    description: ClassVar[str] = "Inverse logit on"

    def transform(self, block: np.ndarray) -> np.ndarray:
        # R's binomial()$linkinv: exp() is capped at eps and 1/eps outside (-30, 30)
        with np.errstate(over="ignore"):
            tmp = np.where(block < -_THRESH, _EPS, np.where(block > _THRESH, 1.0 / _EPS, np.exp(block)))
        return tmp / (1.0 + tmp)


@register_step
def step_invlogit(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Inverse logit ``1 / (1 + exp(-x))`` of numeric columns.

    R: ``step_invlogit(recipe, ...)`` with ``binomial()$linkinv``, which keeps the result
    strictly inside ``(0, 1)``: below -30 the value is ``eps / (1 + eps)`` and above 30 it is
    ``1 - eps / (1 + eps)`` (``eps`` is the machine epsilon).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    skip : bool, default False
    id : str, optional
        Default ``"invlogit_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "x": [0.0, 2.0]})
    >>> recipe("y ~ .", df).step_invlogit("x").prep().bake(None)["x"].round(4).tolist()
    [0.5, 0.8808]
    """
    check_bool(skip, "skip", "step_invlogit()")
    return recipe.add_step(StepInvlogit(terms=selectors, skip=skip, id=id))
