"""step_lag: lagged copies of columns (R: ``recipes/R/lag.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (
    StepTags,Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepLag", "step_lag"]


@step_class
class StepLag(Step):
    """Adds ``<prefix><lag>_<column>`` columns (see :func:`step_lag`)."""

    name: ClassVar[str] = "step_lag"
    description: ClassVar[str] = "Lagging"
    tags: ClassVar[StepTags] = StepTags(depends_on_row_order=True)

    role: str = "predictor"
    lag: tuple[int, ...] = (1,)
    prefix: str = "lag_"
    default: Any = np.nan
    keep_original_cols: bool = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepLag:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer", "logical", "date", "datetime"], self)
        return evolve(self, trained=True, columns=cols)

    def _names(self) -> list[tuple[str, int, str]]:
        # R: expand.grid(col = columns, lag_val = lag): columns vary fastest
        return [(f"{self.prefix}{k}_{c}", k, c) for k in self.lag for c in self.columns]

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        fill = self.default
        missing_default = fill is None or (isinstance(fill, float) and np.isnan(fill))
        pieces = {}
        for name, k, col in self._names():
            values = new_data[col]
            pieces[name] = values.shift(k) if missing_default else values.shift(k, fill_value=fill)
        out = new_data if self.keep_original_cols else new_data.drop(columns=cols)
        return pd.concat([out, pd.DataFrame(pieces, index=new_data.index)], axis=1)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def __repr__(self) -> str:
        base = super().__repr__()
        return base.replace("Lagging:", f"Lagging {', '.join(map(str, self.lag))}:", 1)


@register_step
def step_lag(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", lag: int | list[int] = 1, prefix: str = "lag_",
             default: Any = np.nan, keep_original_cols: bool = True, skip: bool = False, id: str | None = None) -> Recipe:
    """Add lagged copies of columns (the value ``lag`` rows earlier).

    R: ``step_lag(recipe, ..., role = "predictor", lag = 1, prefix = "lag_", default = NA,
    keep_original_cols = TRUE)`` (``dplyr::lag``). New columns are ``paste0(prefix, lag, "_",
    column)``, for every lag and column (columns vary fastest, as R's ``expand.grid``). The first
    ``lag`` rows get ``default``. The data must be in time order (see :func:`step_arrange`).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Numeric, logical or date columns.
    role : str, default "predictor"
    lag : int or list of int, default 1
        Non-negative whole numbers.
    prefix : str, default ``"lag_"``
    default : scalar, default NaN
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
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [10.0, 20.0, 30.0]})
    >>> recipe("y ~ .", df).step_lag("x", lag=[1, 2]).prep().bake(None)
          x    y  lag_1_x  lag_2_x
    0  10.0  1.0      NaN      NaN
    1  20.0  2.0     10.0      NaN
    2  30.0  3.0     20.0     10.0
    """
    lags = [lag] if not isinstance(lag, (list, tuple, np.ndarray, range)) else list(lag)
    ok = lags and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v >= 0 for v in lags)
    if not ok or len(set(lags)) != len(lags):
        raise InvalidParameterError(
            f"step_lag(): `lag` must be a non-negative whole number or a list of unique ones; got {lag!r}."
        )
    if not isinstance(prefix, str):
        raise InvalidParameterError(f"`prefix` in step_lag() must be a string; got {prefix!r}.")
    check_bool(keep_original_cols, "keep_original_cols", "step_lag()")
    check_bool(skip, "skip", "step_lag()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_lag() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepLag(terms=selectors, role=role, lag=tuple(int(v) for v in lags), prefix=prefix,
                                   default=default, keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
