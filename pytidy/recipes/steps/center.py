"""step_center: subtract the training mean (R: ``recipes/R/center.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
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
from ._stats import assign_block, column_means, column_values, numeric_block
from ._weights import unsupervised_weights, weighted_means

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepCenter", "step_center"]


@step_class
class StepCenter(Step):
    """Trained state: ``means`` by column (see :func:`step_center`)."""

    name: ClassVar[str] = "step_center"
    description: ClassVar[str] = "Centering for"

    na_rm: bool = True
    means: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepCenter:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        columns = [column_values(training, c) for c in cols]
        wts = unsupervised_weights(info, training, self.name)   # frequency weights only (R)
        means = column_means(columns, self.na_rm) if wts is None else weighted_means(columns, wts, self.na_rm)
        return evolve(self, trained=True, columns=cols, means=dict(zip(cols, means.tolist())))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)   # a fresh copy: change it in place
        block -= np.array([self.means[c] for c in cols])
        return assign_block(new_data, cols, block)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, value=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(self, terms=cols, value=pd.Series([self.means[c] for c in cols], dtype=float))


@register_step
def step_center(recipe: Recipe, *selectors: Selector | str, na_rm: bool = True, skip: bool = False,
                id: str | None = None) -> Recipe:
    """Subtract each numeric column's training mean.

    R: ``step_center(recipe, ..., na_rm = TRUE)``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Numeric columns to center.
    na_rm : bool, default True
        Ignore missing values when computing the means.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 6.0]})
    >>> recipe("y ~ .", df).step_center("x").prep().bake(None)["x"].tolist()
    [-2.0, -1.0, 3.0]
    """
    check_bool(na_rm, "na_rm", "step_center()")
    check_bool(skip, "skip", "step_center()")
    return recipe.add_step(StepCenter(terms=selectors, na_rm=na_rm, skip=skip, id=id))
