"""step_arrange: sort rows (R: ``recipes/R/arrange.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import StepTags, Step, check_new_data, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepArrange", "step_arrange"]


@step_class
class StepArrange(Step):
    """Sorts rows by ``columns`` (see :func:`step_arrange`)."""

    name: ClassVar[str] = "step_arrange"
    description: ClassVar[str] = "Row arrangement using"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True)

    ascending: bool | tuple[bool, ...] = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepArrange:
        cols = select_columns(self, info)
        if isinstance(self.ascending, tuple) and len(self.ascending) != len(cols):
            raise InvalidParameterError(
                f"step_arrange(): `ascending` has {len(self.ascending)} values but the selection gave "
                f"{len(cols)} column(s) {list(cols)}; pass one value per column or a single True/False."
            )
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols or len(new_data) < 2:
            return new_data
        asc = list(self.ascending) if isinstance(self.ascending, tuple) else self.ascending
        keys = new_data[cols].reset_index(drop=True)
        order = keys.sort_values(cols, ascending=asc, kind="stable", na_position="last").index.to_numpy()
        if np.array_equal(order, np.arange(len(order))):
            return new_data
        return new_data.iloc[order]

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_arrange(recipe: Recipe, *selectors: Selector | str, ascending: bool | list[bool] = True, skip: bool = False,
                 id: str | None = None) -> Recipe:
    """Sort the rows by one or more columns.

    R: ``step_arrange(recipe, ..., skip = FALSE)`` (``dplyr::arrange``; ``desc(x)`` becomes
    ``ascending=False``). Columns are sort keys in selection order; the sort is stable, missing
    values go last and factors sort by their level order (R). The index moves with the rows.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Sort keys, most important first.
    ascending : bool or list of bool, default True
        One value for all keys, or one per selected column.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [2, 3, 1]})
    >>> recipe("y ~ .", df).step_arrange("x", ascending=False).prep().bake(None)
       x    y
    1  3  2.0
    0  2  1.0
    2  1  3.0
    """
    check_bool(skip, "skip", "step_arrange()")
    if isinstance(ascending, (list, tuple)):
        for a in ascending:
            check_bool(a, "ascending", "step_arrange()")
        order: bool | tuple[bool, ...] = tuple(bool(a) for a in ascending)
    else:
        order = check_bool(ascending, "ascending", "step_arrange()")
    return recipe.add_step(StepArrange(terms=selectors, ascending=order, skip=skip, id=id))
