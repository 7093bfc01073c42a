"""step_novel: a level for values unseen at prep (R: ``recipes/R/novel.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
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
from .other import NOMINAL, as_categorical, recode_levels

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNovel", "step_novel"]


def check_new_level(step: Step, training: pd.DataFrame, cols: tuple[str, ...], level: str) -> dict[str, tuple]:
    """The training levels by column; raise if ``level`` is one of them already (R)."""
    levels = {}
    for col in cols:
        lv = tuple(as_categorical(training[col]).cat.categories.tolist())
        if level in lv:
            raise InvalidParameterError(
                f"{step.name}(): the column {col!r} already has a level {level!r}. "
                "Choose another `new_level`."
            )
        levels[col] = lv
    return levels


@step_class
class StepNovel(Step):
    """Trained state: ``objects`` = training levels by column (see :func:`step_novel`)."""

    name: ClassVar[str] = "step_novel"
    description: ClassVar[str] = "Novel factor level assignment for"

    new_level: str = "new"
    objects: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNovel:
        cols = select_columns(self, info)
        check_type(training, cols, NOMINAL, self)
        return evolve(self, trained=True, columns=cols, objects=check_new_level(self, training, cols, self.new_level))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        for col in cols:
            out[col] = recode_levels(new_data[col], list(self.objects[col]), self.new_level)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                          value=pd.Series([self.new_level] * len(terms), dtype=object))


@register_step
def step_novel(recipe: Recipe, *selectors: Selector | str, new_level: str = "new", skip: bool = False,
               id: str | None = None) -> Recipe:
    """Give values unseen at prep a new factor level.

    R: ``step_novel(recipe, ..., new_level = "new")``: the levels become the training levels
    followed by ``new_level``; values of new data outside the training levels get ``new_level``;
    missing values stay missing. A column that already has ``new_level`` is an error.
    ``tidy()`` has ``terms, value, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Factor or string columns.
    new_level : str, default "new"
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 2.0], "g": ["a", "b", "a"]})
    >>> p = recipe("y ~ .", df).step_novel("g").prep()
    >>> out = p.bake(pd.DataFrame({"g": ["b", "zz", None]}))["g"]
    >>> out.tolist(), out.cat.categories.tolist()
    (['b', 'new', nan], ['a', 'b', 'new'])
    """
    if not isinstance(new_level, str) or not new_level:
        raise InvalidParameterError(f"`new_level` in step_novel() must be a non-empty string; got {new_level!r}.")
    check_bool(skip, "skip", "step_novel()")
    return recipe.add_step(StepNovel(terms=selectors, new_level=new_level, skip=skip, id=id))
