"""step_num2factor: numbers to factors (R: ``recipes/R/num2factor.R``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from ._stats import numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNum2factor", "step_num2factor"]


def identity(x: Any) -> Any:
    """The default ``transform`` of :func:`step_num2factor` (R: ``function(x) x``)."""
    return x


@step_class
class StepNum2factor(Step):
    """Maps numbers to ``levels`` through ``transform`` (see :func:`step_num2factor`)."""

    name: ClassVar[str] = "step_num2factor"
    description: ClassVar[str] = "Factor variables from"

    transform: Callable[[Any], Any] = identity
    levels: tuple[str, ...] = ()
    ordered: bool = False

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNum2factor:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        k = len(self.levels)
        for j, col in enumerate(cols):
            values = np.asarray(self.transform(numeric_block(new_data, [col])[:, 0]), dtype=np.float64)
            if values.shape != (len(new_data),):
                raise InvalidParameterError(
                    f"step_num2factor(): `transform` must return one value per row; got shape {values.shape} "
                    f"for {col!r}."
                )
            with np.errstate(invalid="ignore"):
                idx = np.trunc(values)
                ok = np.isfinite(idx) & (idx >= 1) & (idx <= k)
            codes = np.where(ok, np.nan_to_num(idx) - 1, -1).astype(np.int64)
            out[col] = pd.Categorical.from_codes(codes, categories=list(self.levels), ordered=self.ordered)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), ordered=[self.ordered] * len(terms))


@register_step
def step_num2factor(recipe: Recipe, *selectors: Selector | str, transform: Callable[[Any], Any] = identity,
                    levels: list[str] | None = None, ordered: bool = False, skip: bool = False,
                    id: str | None = None) -> Recipe:
    """Turn numeric columns into factors: ``levels[transform(x)]``.

    R: ``step_num2factor(recipe, ..., transform = function(x) x, levels, ordered = FALSE)``.
    As in R, ``transform(x)`` gives **1-based** positions in ``levels`` (non-integers are
    truncated); positions outside ``1..len(levels)`` and missing values give missing values. For
    0-based codes use ``transform=lambda x: x + 1`` (a module-level function keeps the recipe
    picklable).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    transform : callable, default identity
        Applied to the float64 column values (a numpy array).
    levels : list of str
        Required.
    ordered : bool, default False
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [0, 2, 1]})
    >>> out = recipe("y ~ .", df).step_num2factor("x", transform=lambda x: x + 1,
    ...                                              levels=["zero", "one", "two"]).prep().bake(None)
    >>> out["x"].tolist()
    ['zero', 'two', 'one']
    """
    if levels is None or isinstance(levels, str) or not all(isinstance(v, str) for v in levels) or not levels:
        raise InvalidParameterError(
            "step_num2factor(): please provide a character vector of appropriate length for `levels` "
            f"(a non-empty list of strings); got {levels!r}."
        )
    if len(set(levels)) != len(levels):
        raise InvalidParameterError(f"`levels` in step_num2factor() must be unique; got {list(levels)!r}.")
    if not callable(transform):
        raise InvalidParameterError(f"`transform` in step_num2factor() must be a function; got {transform!r}.")
    check_bool(ordered, "ordered", "step_num2factor()")
    check_bool(skip, "skip", "step_num2factor()")
    return recipe.add_step(StepNum2factor(terms=selectors, transform=transform, levels=tuple(levels),
                                          ordered=bool(ordered), skip=skip, id=id))
