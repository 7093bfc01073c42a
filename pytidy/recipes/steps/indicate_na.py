"""step_indicate_na: 0/1 columns that flag missing values (R: ``recipes/R/indicate_na.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (
    Step,
    check_new_data,
    check_trained,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import append_columns

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepIndicateNa", "step_indicate_na"]


@step_class
class StepIndicateNa(Step):
    """Trained state: ``columns`` (see :func:`step_indicate_na`)."""

    name: ClassVar[str] = "step_indicate_na"
    description: ClassVar[str] = "Creating missing data variable indicators for"

    role: str = "predictor"
    prefix: str = "na_ind"
    keep_original_cols: bool = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepIndicateNa:
        cols = select_columns(self, info)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        block = np.empty((len(cols), len(new_data)), dtype=np.int64)
        for j, col in enumerate(cols):
            block[j] = new_data[col].isna().to_numpy()
        names = [f"{self.prefix}_{c}" for c in cols]
        new = pd.DataFrame(block.T, columns=names, index=new_data.index, copy=False)
        out = new_data if self.keep_original_cols else new_data.drop(columns=cols)
        return append_columns(out.drop(columns=[n for n in names if n in out.columns]), new)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_indicate_na(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", prefix: str = "na_ind",
                     keep_original_cols: bool = True, skip: bool = False, id: str | None = None) -> Recipe:
    """Add one integer 0/1 column per selected column that is 1 where the value is missing.

    R: ``step_indicate_na(recipe, ..., role = "predictor", prefix = "na_ind",
    keep_original_cols = TRUE)``: new columns ``<prefix>_<column>`` (``as.integer(is.na(x))``),
    appended after the existing ones, for every selected column (whether or not the training
    data had missing values). ``tidy()`` has ``terms, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Columns of any type.
    role : str, default "predictor"
        Role of the new columns.
    prefix : str, default "na_ind"
    keep_original_cols : bool, default True
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 2.0], "x": [1.0, None, 3.0]})
    >>> recipe("y ~ .", df).step_indicate_na("x").prep().bake(None)
         x    y  na_ind_x
    0  1.0  0.0         0
    1  NaN  1.0         1
    2  3.0  2.0         0
    """
    if not isinstance(prefix, str) or not prefix:
        raise InvalidParameterError(f"`prefix` in step_indicate_na() must be a non-empty string; got {prefix!r}.")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_indicate_na() must be a non-empty string; got {role!r}.")
    check_bool(keep_original_cols, "keep_original_cols", "step_indicate_na()")
    check_bool(skip, "skip", "step_indicate_na()")
    return recipe.add_step(StepIndicateNa(terms=selectors, role=role, prefix=prefix,
                                          keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
