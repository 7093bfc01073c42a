"""step_naomit: remove rows with missing values (R: ``recipes/R/naomit.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import StepTags, Step, check_new_data, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNaomit", "step_naomit"]


@step_class
class StepNaomit(Step):
    """Removes rows with a missing value in ``columns`` (see :func:`step_naomit`)."""

    name: ClassVar[str] = "step_naomit"
    description: ClassVar[str] = "Removing rows with NA values in"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, skip_by_default=True)

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNaomit:
        return evolve(self, trained=True, columns=select_columns(self, info))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        keep = new_data[cols].notna().all(axis=1).to_numpy()
        return new_data if keep.all() else new_data.iloc[keep.nonzero()[0]]

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_naomit(recipe: Recipe, *selectors: Selector | str, skip: bool = True, id: str | None = None) -> Recipe:
    """Remove the rows that have a missing value in any of the selected columns.

    R: ``step_naomit(recipe, ..., skip = TRUE)`` (``tidyr::drop_na`` on the selection). Because
    ``skip`` defaults to True, rows are removed from the training data at ``prep()`` but not from
    new data at ``bake()``. The index of the kept rows is preserved.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Columns whose missing values remove a row, e.g. ``all_predictors()``.
    skip : bool, default True
        Apply at ``prep()`` only (R's default for row operations).
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [1.0, np.nan, 3.0]})
    >>> prepped = recipe("y ~ .", df).step_naomit(all_predictors()).prep()
    >>> prepped.bake(None)["x"].tolist()
    [1.0, 3.0]
    >>> len(prepped.bake(df))  # skip=True: new data keeps its rows
    3
    """
    check_bool(skip, "skip", "step_naomit()")
    return recipe.add_step(StepNaomit(terms=selectors, skip=skip, id=id))
