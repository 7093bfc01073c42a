"""step_normalize: center and scale numeric columns (R: ``recipes/R/normalize.R``)."""

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
from ._stats import assign_block, column_means, column_sds, column_values, numeric_block, sd_check
from ._weights import unsupervised_weights, weighted_means, weighted_sds

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNormalize", "step_normalize"]


@step_class
class StepNormalize(Step):
    """Trained state: ``means`` and ``sds`` by column (see :func:`step_normalize`)."""

    name: ClassVar[str] = "step_normalize"
    description: ClassVar[str] = "Centering and scaling for"

    na_rm: bool = True
    means: dict[str, float] | None = None
    sds: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNormalize:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        columns = [column_values(training, c) for c in cols]   # views: no copy of the data
        wts = unsupervised_weights(info, training, self.name)   # frequency weights only (R)
        if wts is None:
            means, raw = column_means(columns, self.na_rm), column_sds(columns, self.na_rm)
        else:
            means, raw = weighted_means(columns, wts, self.na_rm), weighted_sds(columns, wts, self.na_rm)
        sds = sd_check(cols, raw, self.name)
        return evolve(self, trained=True, columns=cols,
                      means=dict(zip(cols, means.tolist())), sds=dict(zip(cols, sds.tolist())))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)   # a fresh copy: change it in place
        block -= np.array([self.means[c] for c in cols])
        block /= np.array([self.sds[c] for c in cols])
        return assign_block(new_data, cols, block)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, statistic=pd.Series([None] * len(terms), dtype=object),
                              value=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(
            self,
            terms=cols + cols,
            statistic=["mean"] * len(cols) + ["sd"] * len(cols),
            value=pd.Series([self.means[c] for c in cols] + [self.sds[c] for c in cols], dtype=float),
        )


@register_step
def step_normalize(recipe: Recipe, *selectors: Selector | str, na_rm: bool = True, skip: bool = False,
                   id: str | None = None) -> Recipe:
    """Center and scale numeric columns to mean 0 and standard deviation 1.

    R: ``step_normalize(recipe, ..., na_rm = TRUE)``; the standard deviation uses ``n - 1``.
    A zero standard deviation is replaced by 1 with a warning suggesting :func:`step_zv` (R's
    ``sd_check``).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Columns to normalize, e.g. ``all_numeric_predictors()``.
    na_rm : bool, default True
        Ignore missing values when estimating the means and standard deviations.
    skip : bool, default False
        Apply at ``prep()`` but not at ``bake(new_data)``.
    id : str, optional
        Step id; default ``"normalize_<n>"``.

    Returns
    -------
    Recipe
        A new recipe with the step appended.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, bake, prep, all_numeric_predictors
    >>> df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 3.0]})
    >>> rec = recipe("y ~ .", df).step_normalize(all_numeric_predictors())
    >>> bake(prep(rec), new_data=df)["x"].tolist()
    [-1.0, 0.0, 1.0]
    """
    check_bool(na_rm, "na_rm", "step_normalize()")
    check_bool(skip, "skip", "step_normalize()")
    return recipe.add_step(StepNormalize(terms=selectors, na_rm=na_rm, skip=skip, id=id))
