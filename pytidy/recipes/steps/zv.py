"""step_zv: remove zero-variance columns (R: ``recipes/R/zv.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import Step, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepZv", "step_zv"]


@step_class
class StepZv(Step):
    """Trained state: ``removals``, the columns dropped (see :func:`step_zv`)."""

    name: ClassVar[str] = "step_zv"
    description: ClassVar[str] = "Zero variance filter on"

    removals: tuple[str, ...] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepZv:
        cols = select_columns(self, info)
        removals = tuple(c for c in cols if training[c].nunique(dropna=True) < 2)
        return evolve(self, trained=True, columns=cols, removals=removals)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        drop = [c for c in self.removals if c in new_data.columns]
        return new_data.drop(columns=drop) if drop else new_data

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.removals)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def __repr__(self) -> str:
        if not self.trained:
            return super().__repr__()
        removed = ", ".join(self.removals) if self.removals else "<none>"
        return f"Zero variance filter removed: {removed} [trained]" + (" [skip]" if self.skip else "")


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
