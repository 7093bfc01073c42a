"""step_string2factor: strings to factors (R: ``recipes/R/string2factor.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepString2factor", "step_string2factor"]


@step_class
class StepString2factor(Step):
    """Trained state: ``levels`` by column (see :func:`step_string2factor`)."""

    name: ClassVar[str] = "step_string2factor"
    description: ClassVar[str] = "Factor variables from"

    given_levels: tuple[str, ...] | None = None
    ordered: bool = False
    levels: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepString2factor:
        cols = select_columns(self, info)
        check_type(training, cols, ["string", "factor", "ordered"], self)
        levels = {}
        for col in cols:
            if self.given_levels is not None:
                levels[col] = self.given_levels
            elif isinstance(training[col].dtype, pd.CategoricalDtype):
                levels[col] = tuple(training[col].cat.categories.tolist())
            else:
                levels[col] = tuple(sorted(pd.unique(training[col].dropna()).tolist()))
        return evolve(self, trained=True, columns=cols, levels=levels)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        for col in cols:
            values = new_data[col]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype(object)
            levels = list(self.levels[col])
            values = values.where(values.isin(levels))  # other values become missing (R's factor())
            out[col] = pd.Categorical(values, categories=levels, ordered=self.ordered)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), ordered=[self.ordered] * len(terms))


@register_step
def step_string2factor(recipe: Recipe, *selectors: Selector | str, levels: list[str] | None = None, ordered: bool = False,
                       skip: bool = False, id: str | None = None) -> Recipe:
    """Turn string (or factor) columns into factors with given or learned levels.

    R: ``step_string2factor(recipe, ..., levels = NULL, ordered = FALSE)``. Without ``levels`` the
    levels are the sorted unique training values (a factor keeps its levels); values that are not
    levels become missing. Note that ``prep(strings_as_factors=True)``, the default, already makes
    string columns factors; this step is then useful for setting ``levels`` or ``ordered``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    levels : list of str, optional
        Levels for every selected column.
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
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "s": ["lo", "hi", "mid"]})
    >>> out = (recipe("y ~ .", df).step_string2factor("s", levels=["lo", "mid", "hi"], ordered=True)
    ...        .prep(strings_as_factors=False).bake(None))
    >>> out["s"].cat.categories.tolist(), out["s"].cat.ordered
    (['lo', 'mid', 'hi'], True)
    """
    check_bool(ordered, "ordered", "step_string2factor()")
    check_bool(skip, "skip", "step_string2factor()")
    if levels is not None:
        if isinstance(levels, str) or not all(isinstance(v, str) for v in levels) or len(set(levels)) != len(levels):
            raise InvalidParameterError(
                f"`levels` in step_string2factor() must be a list of unique strings or None; got {levels!r}."
            )
        levels = tuple(levels)  # type: ignore[assignment]
    return recipe.add_step(StepString2factor(terms=selectors, given_levels=levels, ordered=bool(ordered),  # type: ignore[arg-type]
                                             skip=skip, id=id))
