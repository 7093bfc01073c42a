"""step_sqrt: square root of numeric columns (R: ``recipes/R/sqrt.R``).

Also holds :class:`ElementwiseStep`, the small base of the steps that transform each selected
numeric column in place with a fixed function (sqrt, inverse, logit, invlogit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ..._checks import check_bool
from ._base import ElementwiseStep, register_step, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepSqrt", "step_sqrt"]


@step_class
class StepSqrt(ElementwiseStep):
    """Square root transformation (see :func:`step_sqrt`)."""

    name: ClassVar[str] = "step_sqrt"
    description: ClassVar[str] = "Square root transformation on"

    def transform(self, block: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.sqrt(block)


@register_step
def step_sqrt(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Take the square root of numeric columns.

    R: ``step_sqrt(recipe, ...)``; negative values give NaN (R's ``sqrt()`` gives ``NaN`` with a
    warning; pytidy does not warn).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns, e.g. ``all_numeric_predictors()``.
    skip : bool, default False
        Apply at ``prep()`` but not at ``bake(new_data)``.
    id : str, optional
        Step id; default ``"sqrt_<n>"``.

    Returns
    -------
    Recipe
        A new recipe with the step appended.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 0.0], "x": [1.0, 4.0, 9.0]})
    >>> recipe("y ~ .", df).step_sqrt("x").prep().bake(None)["x"].tolist()
    [1.0, 2.0, 3.0]
    """
    check_bool(skip, "skip", "step_sqrt()")
    return recipe.add_step(StepSqrt(terms=selectors, skip=skip, id=id))
