"""step_unknown: a level for missing values (R: ``recipes/R/unknown.R``)."""

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
from .novel import check_new_level
from .other import NOMINAL, recode_levels

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepUnknown", "step_unknown"]


@step_class
class StepUnknown(Step):
    """Trained state: ``objects`` = training levels by column (see :func:`step_unknown`)."""

    name: ClassVar[str] = "step_unknown"
    description: ClassVar[str] = "Unknown factor level assignment for"

    new_level: str = "unknown"
    objects: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepUnknown:
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
            out[col] = recode_levels(new_data[col], list(self.objects[col]), self.new_level,
                                     missing_to=self.new_level, unknown_to_other=False)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                          value=pd.Series([self.new_level] * len(terms), dtype=object))


@register_step
def step_unknown(recipe: Recipe, *selectors: Selector | str, new_level: str = "unknown", skip: bool = False,
                 id: str | None = None) -> Recipe:
    """Give missing values of nominal columns their own level.

    R: ``step_unknown(recipe, ..., new_level = "unknown")``: missing values become ``new_level``;
    the levels are the training levels followed by ``new_level``; as in R's
    ``factor(x, levels = )``, values of new data outside the training levels become missing. A
    column that already has ``new_level`` is an error. ``tidy()`` has ``terms, value, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Factor or string columns.
    new_level : str, default "unknown"
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 2.0], "g": ["a", None, "b"]})
    >>> out = recipe("y ~ .", df).step_unknown("g").prep().bake(None)["g"]
    >>> out.tolist(), out.cat.categories.tolist()
    (['a', 'unknown', 'b'], ['a', 'b', 'unknown'])
    """
    if not isinstance(new_level, str) or not new_level:
        raise InvalidParameterError(f"`new_level` in step_unknown() must be a non-empty string; got {new_level!r}.")
    check_bool(skip, "skip", "step_unknown()")
    return recipe.add_step(StepUnknown(terms=selectors, new_level=new_level, skip=skip, id=id))
