"""step_inverse: ``1 / (x + offset)`` (R: ``recipes/R/inverse.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import ElementwiseStep, register_step, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepInverse", "step_inverse"]


def check_offset(offset: Any, owner: str) -> float:
    """A finite real ``offset`` (R: ``check_number_decimal(offset)``)."""
    if isinstance(offset, (bool, np.bool_)) or not isinstance(offset, (int, float, np.integer, np.floating)) \
            or not np.isfinite(offset):
        raise InvalidParameterError(f"`offset` in {owner} must be a finite number; got {offset!r}.")
    return float(offset)


@step_class
class StepInverse(ElementwiseStep):
    """Inverse transformation (see :func:`step_inverse`)."""

    name: ClassVar[str] = "step_inverse"
    description: ClassVar[str] = "Inverse transformation on"

    offset: float = 0.0

    def transform(self, block: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return 1.0 / (block + self.offset)


@register_step
def step_inverse(recipe: Recipe, *selectors: Selector | str, offset: float = 0, skip: bool = False,
                 id: str | None = None) -> Recipe:
    """Replace numeric columns by their inverse ``1 / (x + offset)``.

    R: ``step_inverse(recipe, ..., offset = 0)``; zero gives ``Inf`` as in R.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    offset : float, default 0
        Added to the values before inverting.
    skip : bool, default False
    id : str, optional
        Default ``"inverse_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "x": [1.0, 4.0]})
    >>> recipe("y ~ .", df).step_inverse("x").prep().bake(None)["x"].tolist()
    [1.0, 0.25]
    >>> recipe("y ~ .", df).step_inverse("x", offset=1).prep().bake(None)["x"].tolist()
    [0.5, 0.2]
    """
    offset = check_offset(offset, "step_inverse()")
    check_bool(skip, "skip", "step_inverse()")
    return recipe.add_step(StepInverse(terms=selectors, offset=offset, skip=skip, id=id))
