"""step_range: scale numeric columns to a fixed range (R: ``recipes/R/range.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool, check_number
from ...errors import InvalidParameterError
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
from ._stats import assign_block, column_values, numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepRange", "step_range"]


@step_class
class StepRange(Step):
    """Trained state: training ``mins`` and ``maxs`` by column (see :func:`step_range`)."""

    name: ClassVar[str] = "step_range"
    description: ClassVar[str] = "Range scaling to [{min},{max}] for"

    min: float = 0.0
    max: float = 1.0
    clipping: bool = True
    mins: dict[str, float] | None = None
    maxs: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepRange:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        mins, maxs = {}, {}
        for col in cols:
            x = column_values(training, col)
            ok = x[~np.isnan(x)]
            mins[col] = float(ok.min()) if len(ok) else float("nan")
            maxs[col] = float(ok.max()) if len(ok) else float("nan")
        return evolve(self, trained=True, columns=cols, mins=mins, maxs=maxs)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        lo = np.array([self.mins[c] for c in cols])
        hi = np.array([self.maxs[c] for c in cols])
        block = numeric_block(new_data, cols)
        with np.errstate(invalid="ignore", divide="ignore"):
            block -= lo
            block /= hi - lo
            block *= self.max - self.min
            block += self.min
        if self.clipping:
            np.clip(block, self.min, self.max, out=block)
        return assign_block(new_data, cols, block)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, min=[np.nan] * len(terms), max=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(self, terms=pd.Series(cols, dtype=object),
                          min=pd.Series([self.mins[c] for c in cols], dtype=float),
                          max=pd.Series([self.maxs[c] for c in cols], dtype=float))

    def __repr__(self) -> str:
        text = super().__repr__()
        return text.replace("{min}", f"{self.min:g}").replace("{max}", f"{self.max:g}")


@register_step
def step_range(recipe: Recipe, *selectors: Selector | str, min: float = 0, max: float = 1, clipping: bool = True,
               skip: bool = False, id: str | None = None) -> Recipe:
    """Rescale numeric columns to ``[min, max]`` using the training minimum and maximum.

    R: ``step_range(recipe, ..., min = 0, max = 1, clipping = TRUE)``: ``(x - lo) / (hi - lo) *
    (max - min) + min`` with the training ``lo``/``hi`` (missing values ignored); with ``clipping``
    new values outside the training range are clipped to ``[min, max]``. A constant training
    column gives NaN (0 / 0), as in R. ``tidy()`` has ``terms, min, max, id`` (the training
    minimum and maximum).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    min, max : float, default 0 and 1
        The target range; ``min < max``.
    clipping : bool, default True
        Clip baked values to ``[min, max]``.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 2.0], "x": [2.0, 4.0, 6.0]})
    >>> p = recipe("y ~ .", df).step_range("x", min=-1, max=1).prep()
    >>> p.bake(pd.DataFrame({"x": [2.0, 5.0, 10.0]}))["x"].tolist()
    [-1.0, 0.5, 1.0]
    """
    check_number(min, "min", "step_range()")
    check_number(max, "max", "step_range()")
    if not min < max:
        raise InvalidParameterError(f"step_range(): `min` must be smaller than `max`; got min={min!r}, max={max!r}.")
    check_bool(clipping, "clipping", "step_range()")
    check_bool(skip, "skip", "step_range()")
    return recipe.add_step(StepRange(terms=selectors, min=float(min), max=float(max), clipping=bool(clipping),
                                     skip=skip, id=id))
