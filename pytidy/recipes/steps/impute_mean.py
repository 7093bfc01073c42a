"""step_impute_mean: fill missing numeric values with the (trimmed) training mean (R: ``impute_mean.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_number
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
from ._stats import column_means, column_values, fill_columns
from ._weights import unsupervised_weights, weighted_means

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepImputeMean", "step_impute_mean"]


def trimmed_mean(x: np.ndarray, trim: float = 0.0) -> float:
    """R's ``mean(x, trim, na.rm = TRUE)``: drop ``floor(n * trim)`` values from each end.

    Examples
    --------
    >>> trimmed_mean(np.array([1.0, 2.0, 3.0, 100.0, np.nan]), trim=0.25)
    2.5
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return float("nan")
    if trim > 0:
        if trim >= 0.5:
            return float(np.median(x))
        lo = int(np.floor(n * trim))
        x = np.sort(x)[lo : n - lo]
    return float(x.mean())


@step_class
class StepImputeMean(Step):
    """Trained state: ``means`` by column (see :func:`step_impute_mean`)."""

    name: ClassVar[str] = "step_impute_mean"
    description: ClassVar[str] = "Mean imputation for"

    trim: float = field(default=0.0, validator=is_number(lower=0, upper=0.5))
    means: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepImputeMean:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        means = {}
        wts = unsupervised_weights(info, training, self.name)   # frequency weights only (R)
        if wts is not None and self.trim != 0:
            raise NotImplementedError("step_impute_mean(trim=) together with frequency weights is not implemented "
                                      "in pytidy; use trim=0 or importance weights.")
        for col in cols:
            x = column_values(training, col)
            if wts is not None:
                m = float(weighted_means([x], wts, na_rm=True)[0])
            else:
                m = float(column_means([x], na_rm=True)[0]) if self.trim == 0 else trimmed_mean(x, self.trim)
            if pd.api.types.is_integer_dtype(training[col].dtype) and not np.isnan(m):
                m = float(np.round(m))  # R casts the mean to the column's integer type
            means[col] = m
        return evolve(self, trained=True, columns=cols, means=means)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        check_new_data(self.columns, new_data, self)
        return fill_columns(new_data, self.means)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, value=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(self, terms=cols, value=pd.Series([self.means[c] for c in cols], dtype=float))


@register_step
def step_impute_mean(recipe: Recipe, *selectors: Selector | str, trim: float = 0, skip: bool = False,
                     id: str | None = None) -> Recipe:
    """Replace missing values of numeric columns by their training mean.

    R: ``step_impute_mean(recipe, ..., trim = 0)``; ``trim`` is the fraction cut from each end
    before averaging (``mean(x, trim = trim)``). Means of integer columns are rounded.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    trim : float in [0, 0.5], default 0
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, None, 3.0]})
    >>> recipe("y ~ .", df).step_impute_mean("x").prep().bake(None)["x"].tolist()
    [1.0, 2.0, 3.0]
    """
    check_number(trim, "trim", "step_impute_mean()", lower=0, upper=0.5)
    check_bool(skip, "skip", "step_impute_mean()")
    return recipe.add_step(StepImputeMean(terms=selectors, trim=float(trim), skip=skip, id=id))
