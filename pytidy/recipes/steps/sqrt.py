"""step_sqrt: square root of numeric columns (R: ``recipes/R/sqrt.R``).

Also holds :class:`ElementwiseStep`, the small base of the steps that transform each selected
numeric column in place with a fixed function (sqrt, inverse, logit, invlogit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import (
    Step,
    check_new_data,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import assign_block, numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepSqrt", "step_sqrt"]


@step_class
class ElementwiseStep(Step):
    """A step that replaces each selected double/integer column by ``transform(column)``.

    Subclasses implement :meth:`transform` on a float (n, p) block. ``tidy()`` has one row per
    column (R: ``simple_terms``).
    """

    def transform(self, block: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> ElementwiseStep:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        return assign_block(new_data, cols, self.transform(numeric_block(new_data, cols)))

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


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
