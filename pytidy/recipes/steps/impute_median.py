"""step_impute_median: fill missing numeric values with the training median (R: ``impute_median.R``)."""

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
from ._stats import fill_columns

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepImputeMedian", "step_impute_median"]


@step_class
class StepImputeMedian(Step):
    """Trained state: ``medians`` by column (see :func:`step_impute_median`)."""

    name: ClassVar[str] = "step_impute_median"
    description: ClassVar[str] = "Median imputation for"

    medians: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepImputeMedian:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        medians = {}
        for col in cols:
            m = float(training[col].median(skipna=True)) if training[col].notna().any() else float("nan")
            if pd.api.types.is_integer_dtype(training[col].dtype) and not np.isnan(m):
                m = float(np.round(m))
            medians[col] = m
        return evolve(self, trained=True, columns=cols, medians=medians)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        check_new_data(self.columns, new_data, self)
        return fill_columns(new_data, self.medians)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, value=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(self, terms=cols, value=pd.Series([self.medians[c] for c in cols], dtype=float))


@register_step
def step_impute_median(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Replace missing values of numeric columns by their training median.

    R: ``step_impute_median(recipe, ...)``. Medians of integer columns are rounded.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0, 1, 0, 1], "x": [1.0, None, 3.0, 10.0]})
    >>> recipe("y ~ .", df).step_impute_median("x").prep().bake(None)["x"].tolist()
    [1.0, 3.0, 3.0, 10.0]
    """
    check_bool(skip, "skip", "step_impute_median()")
    return recipe.add_step(StepImputeMedian(terms=selectors, skip=skip, id=id))
