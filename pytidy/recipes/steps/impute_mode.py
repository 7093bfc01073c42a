"""step_impute_mode: fill missing nominal values with the most common training value (R: ``impute_mode.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

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

__all__ = ["StepImputeMode", "step_impute_mode"]


def _mode(col: pd.Series) -> Any:
    """Most frequent non-missing value; ties go to the first in sorted (level) order, as R's
    ``which.max(table(x))``."""
    values = col.dropna()
    if values.empty:
        return None
    if isinstance(col.dtype, pd.CategoricalDtype):
        counts = values.value_counts(sort=False).reindex(col.cat.categories, fill_value=0)
    else:
        counts = values.value_counts(sort=False).sort_index()
    return counts.index[int(np.argmax(counts.to_numpy()))]


@step_class
class StepImputeMode(Step):
    """Trained state: ``modes`` by column (see :func:`step_impute_mode`)."""

    name: ClassVar[str] = "step_impute_mode"
    description: ClassVar[str] = "Mode imputation for"

    modes: dict[str, Any] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepImputeMode:
        cols = select_columns(self, info)
        check_type(training, cols, ["factor", "ordered", "string", "integer", "logical"], self)
        modes = {}
        for col in cols:
            m = _mode(training[col])
            modes[col] = m.item() if isinstance(m, np.generic) else m
        return evolve(self, trained=True, columns=cols, modes=modes)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        check_new_data(self.columns, new_data, self)
        return fill_columns(new_data, self.modes)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, value=pd.Series([None] * len(terms), dtype=object))
        cols = list(self.columns)
        return tidy_frame(self, terms=cols, value=pd.Series([self.modes[c] for c in cols], dtype=object))


@register_step
def step_impute_mode(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Replace missing values of nominal (and integer or logical) columns by the training mode.

    R: ``step_impute_mode(recipe, ...)``; ties go to the first level (or smallest value), as
    ``which.max(table(x))`` does.

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
    >>> df = pd.DataFrame({"y": [0, 1, 0, 1], "g": ["b", "a", None, "b"]})
    >>> recipe("y ~ .", df).step_impute_mode("g").prep().bake(None)["g"].tolist()
    ['b', 'a', 'b', 'b']
    """
    check_bool(skip, "skip", "step_impute_mode()")
    return recipe.add_step(StepImputeMode(terms=selectors, skip=skip, id=id))
