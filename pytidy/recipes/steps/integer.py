"""step_integer: values to integer codes (R: ``recipes/R/integer.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import Step, check_new_data, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepInteger", "step_integer"]


def _plain(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


@step_class
class StepInteger(Step):
    """Trained state: ``key``, the sorted training values by column (see :func:`step_integer`)."""

    name: ClassVar[str] = "step_integer"
    description: ClassVar[str] = "Integer encoding for"

    strict: bool = True
    zero_based: bool = False
    key: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepInteger:
        cols = select_columns(self, info)
        key = {}
        for col in cols:
            values = training[col]
            if isinstance(values.dtype, pd.CategoricalDtype):
                key[col] = tuple(_plain(v) for v in values.cat.categories.tolist())
            else:
                key[col] = tuple(_plain(v) for v in sorted(pd.unique(values.dropna()).tolist()))
        return evolve(self, trained=True, columns=cols, key=key)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        for col in cols:
            keys = list(self.key[col])
            values = new_data[col]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype(object)
            pos = pd.Index(keys, dtype=object).get_indexer(values.astype(object)) if keys else np.full(len(values), -1)
            missing = values.isna().to_numpy()
            ints = pos + (0 if self.zero_based else 1)
            novel = (pos < 0) & ~missing
            ints = np.where(novel, len(keys) if self.zero_based else 0, ints)
            if missing.any():
                res = np.where(missing, np.nan, ints.astype(np.float64))
            else:
                res = ints.astype(np.int64) if self.strict else ints.astype(np.float64)
            out[col] = res
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=pd.Series([None] * len(terms), dtype=object))
        cols = list(self.columns)
        return tidy_frame(self, terms=pd.Series(cols, dtype=object),
                          value=pd.Series([list(self.key[c]) for c in cols], dtype=object))


@register_step
def step_integer(recipe: Recipe, *selectors: Selector | str, strict: bool = True, zero_based: bool = False,
                 skip: bool = False, id: str | None = None) -> Recipe:
    """Replace values by their position among the sorted training values.

    R: ``step_integer(recipe, ..., strict = TRUE, zero_based = FALSE)``. The key is the factor
    levels, or the sorted unique training values for other columns. Codes start at 1 (0 with
    ``zero_based=True``); a value unseen at prep gets 0 (``len(key)`` with ``zero_based=True``),
    as in R. ``strict=True`` gives int64; a column with missing values is float64 with NaN
    (pandas' int64 has no missing value; R keeps an integer NA).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    strict : bool, default True
        Integer (rather than float) output.
    zero_based : bool, default False
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> tr = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["b", "a", "c"]})
    >>> p = recipe("y ~ .", tr).step_integer("g").prep()
    >>> p.bake(pd.DataFrame({"g": ["c", "a", "z"]}))["g"].tolist()
    [3, 1, 0]
    """
    check_bool(strict, "strict", "step_integer()")
    check_bool(zero_based, "zero_based", "step_integer()")
    check_bool(skip, "skip", "step_integer()")
    return recipe.add_step(StepInteger(terms=selectors, strict=bool(strict), zero_based=bool(zero_based),
                                       skip=skip, id=id))
