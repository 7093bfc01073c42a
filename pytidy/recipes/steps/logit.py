"""step_logit: the logit transformation (R: ``recipes/R/logit.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import ElementwiseStep, register_step, step_class
from .inverse import check_offset

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepLogit", "step_logit"]


@step_class
class StepLogit(ElementwiseStep):
    """Logit transformation (see :func:`step_logit`)."""

    name: ClassVar[str] = "step_logit"
    description: ClassVar[str] = "Logit transformation on"

    offset: float = 0.0

    def transform(self, block: np.ndarray) -> np.ndarray:
        bad = (block < 0) | (block > 1)
        if bad.any():
            j = int(np.nonzero(bad.any(axis=0))[0][0])
            value = block[bad[:, j], j][0]
            raise InvalidParameterError(
                f"step_logit(): column {self.columns[j]!r} has the value {value:g}, out of range [0, 1]; "
                "the logit needs proportions. Rescale the column first (e.g. step_range()) or "
                "select other columns."
            )
        x = np.where(block == 1, block - self.offset, block)
        x = np.where(x == 0, self.offset, x)
        with np.errstate(divide="ignore"):
            return np.log(x / (1.0 - x))


@register_step
def step_logit(recipe: Recipe, *selectors: Selector | str, offset: float = 0, skip: bool = False,
               id: str | None = None) -> Recipe:
    """Logit transformation ``log(p / (1 - p))`` of columns holding proportions.

    R: ``step_logit(recipe, ..., offset = 0)`` with ``binomial()$linkfun``: values outside
    ``[0, 1]`` are an error; exact 0 and 1 become ``offset`` and ``1 - offset`` first (so the
    default ``offset = 0`` gives ``-inf``/``inf``); missing values stay missing.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns with values in ``[0, 1]``.
    offset : float, default 0
        Replaces 0 (and ``1 - offset`` replaces 1) before the transformation.
    skip : bool, default False
    id : str, optional
        Default ``"logit_<n>"``.

    Returns
    -------
    Recipe

    Raises
    ------
    InvalidParameterError
        At prep or bake, if a value lies outside ``[0, 1]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 0.0], "p": [0.5, 0.0, 1.0]})
    >>> recipe("y ~ .", df).step_logit("p", offset=0.1).prep().bake(None)["p"].round(4).tolist()
    [0.0, -2.1972, 2.1972]
    """
    offset = check_offset(offset, "step_logit()")
    check_bool(skip, "skip", "step_logit()")
    return recipe.add_step(StepLogit(terms=selectors, offset=offset, skip=skip, id=id))
