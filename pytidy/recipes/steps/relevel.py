"""step_relevel: make a level the reference (R: ``recipes/R/relevel.R``)."""

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

__all__ = ["StepRelevel", "step_relevel"]


@step_class
class StepRelevel(Step):
    """Trained state: ``levels`` by column, ``ref_level`` first (see :func:`step_relevel`)."""

    name: ClassVar[str] = "step_relevel"
    description: ClassVar[str] = "Re-order factor level to ref_level for"

    ref_level: str = ""
    levels: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepRelevel:
        cols = select_columns(self, info)
        check_type(training, cols, ["string", "factor"], self)
        levels, bad = {}, []
        for col in cols:
            values = training[col]
            lv = (values.cat.categories.tolist() if isinstance(values.dtype, pd.CategoricalDtype)
                  else sorted(pd.unique(values.dropna()).tolist()))
            if self.ref_level not in lv:
                bad.append(col)
            levels[col] = tuple([self.ref_level] + [v for v in lv if v != self.ref_level])
        if bad:
            raise InvalidParameterError(
                f"step_relevel(): the column(s) {bad} do not include the required reference level "
                f"{self.ref_level!r}. Check the spelling or the selection."
            )
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
            known = list(self.levels[col])
            if isinstance(values.dtype, pd.CategoricalDtype):
                extra = [v for v in values.cat.categories.tolist() if v not in set(known)]
                out[col] = values.cat.set_categories(known + extra)
            else:
                seen = set(known)
                extra = sorted(v for v in pd.unique(values.dropna()).tolist() if v not in seen)
                out[col] = pd.Categorical(values, categories=known + extra)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                          value=pd.Series([self.ref_level] * len(terms), dtype=object))


@register_step
def step_relevel(recipe: Recipe, *selectors: Selector | str, ref_level: str, skip: bool = False, id: str | None = None) -> Recipe:
    """Make ``ref_level`` the first level (the reference) of unordered factor columns.

    R: ``step_relevel(recipe, ..., ref_level)`` (``stats::relevel``); prep fails when a column
    lacks the level. Levels that appear only in new data keep their place after the trained ones.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    ref_level : str
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["a", "b", "c"]})
    >>> recipe("y ~ .", df).step_relevel("g", ref_level="c").prep().bake(None)["g"].cat.categories.tolist()
    ['c', 'a', 'b']
    """
    if not isinstance(ref_level, str) or not ref_level:
        raise InvalidParameterError(f"`ref_level` in step_relevel() must be a non-empty string; got {ref_level!r}.")
    check_bool(skip, "skip", "step_relevel()")
    return recipe.add_step(StepRelevel(terms=selectors, ref_level=ref_level, skip=skip, id=id))
