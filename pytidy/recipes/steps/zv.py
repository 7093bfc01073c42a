"""step_zv: remove zero-variance columns (R: ``recipes/R/zv.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import FilterStep, register_step, select_columns, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepZv", "step_zv"]


@step_class
class StepZv(FilterStep):
    """Trained state: ``removals``, the columns dropped (see :func:`step_zv`)."""

    name: ClassVar[str] = "step_zv"
    description: ClassVar[str] = "Zero variance filter on"
    removed_label: ClassVar[str] = "Zero variance filter removed"

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepZv:
        cols = select_columns(self, info)
        removals = tuple(c for c in cols if training[c].nunique(dropna=True) < 2)
        return evolve(self, trained=True, columns=cols, removals=removals)


@register_step
def step_zv(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Remove columns that have a single unique value (ignoring missing values).

    R: ``step_zv(recipe, ...)``. At bake the removed columns are dropped where present, so
    new data need not have them.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Candidate columns, e.g. ``all_predictors()``.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 3.0], "k": [5, 5, 5]})
    >>> recipe("y ~ .", df).step_zv(all_predictors()).prep().bake(None).columns.tolist()
    ['x', 'y']
    """
    check_bool(skip, "skip", "step_zv()")
    return recipe.add_step(StepZv(terms=selectors, skip=skip, id=id))
