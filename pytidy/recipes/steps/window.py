"""step_window: moving-window statistics (R: ``recipes/R/window.R``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve
from numpy.lib.stride_tricks import sliding_window_view

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ...hardhat import is_tune
from ._base import (
    StepTags,Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from ._stats import numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepWindow", "step_window"]

ROLL_FUNS = ("mean", "median", "sd", "var", "sum", "prod", "min", "max")

_NAN_FUNS: dict[str, Callable[..., Any]] = {"mean": np.nanmean, "median": np.nanmedian, "sum": np.nansum, "prod": np.nanprod,
             "min": np.nanmin, "max": np.nanmax}
_FUNS: dict[str, Callable[..., Any]] = {"mean": np.mean, "median": np.median, "sum": np.sum, "prod": np.prod, "min": np.min, "max": np.max}


def roll_statistic(x: np.ndarray, statistic: str = "mean", size: int = 3, na_rm: bool = True) -> np.ndarray:
    """Centered moving statistic; the ends repeat the first and last full-window values (R: ``roller``).

    Examples
    --------
    >>> roll_statistic(np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0]), "median", 3)
    array([ 2.,  2.,  4.,  8., 16., 16.])
    """
    m = len(x)
    gap = size // 2
    if m - size <= 2:
        raise InvalidParameterError(
            f"step_window(): the window is too large: size {size} needs more than {size + 2} rows; got {m}. "
            "Use a smaller `size` or more data."
        )
    win = sliding_window_view(x, size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if statistic in ("sd", "var"):
            res = np.nanvar(win, axis=1, ddof=1) if na_rm else np.var(win, axis=1, ddof=1)
            if statistic == "sd":
                res = np.sqrt(res)
        else:
            res = (_NAN_FUNS if na_rm else _FUNS)[statistic](win, axis=1)
    out = np.empty(m, dtype=np.float64)
    out[gap:m - gap] = res
    out[:gap] = res[0]
    out[m - gap:] = res[-1]
    return out


@step_class
class StepWindow(Step):
    """Replaces ``columns`` (or adds ``names``) by moving statistics (see :func:`step_window`)."""

    name: ClassVar[str] = "step_window"
    description: ClassVar[str] = "Moving window statistic on"
    tags: ClassVar[StepTags] = StepTags(depends_on_row_order=True)

    role: str | None = None
    size: Any = 3
    na_rm: bool = True
    statistic: Any = "mean"
    names: tuple[str, ...] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepWindow:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        if self.names is not None and len(self.names) != len(cols):
            raise InvalidParameterError(
                f"step_window(): there were {len(cols)} term(s) selected but {len(self.names)} values for the "
                "new features were passed to `names`."
            )
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols or len(new_data) == 0:
            if self.names and cols:
                return pd.concat([new_data, pd.DataFrame({n: pd.Series([], dtype=float) for n in self.names},
                                                         index=new_data.index)], axis=1)
            return new_data
        block = numeric_block(new_data, cols)
        targets = list(self.names) if self.names is not None else cols
        out = new_data.copy(deep=False)
        for j, name in enumerate(targets):
            out[name] = roll_statistic(block[:, j], self.statistic, self.size, self.na_rm)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                          statistic=pd.Series([self.statistic] * len(terms), dtype=object),
                          size=pd.Series([self.size] * len(terms), dtype=object if is_tune(self.size) else np.int64))

    def tunable(self) -> dict[str, Any]:
        return {
            "statistic": lambda: __import__("pytidy.dials", fromlist=["summary_stat"]).summary_stat(),
            "size": lambda: __import__("pytidy.dials", fromlist=["window_size"]).window_size(),
        }

    def __repr__(self) -> str:
        base = super().__repr__()
        return base.replace(self.description, f"Moving {self.size}-point {self.statistic} on", 1)


@register_step
def step_window(recipe: Recipe, *selectors: Selector | str, role: str | None = None, size: int = 3, na_rm: bool = True,
                statistic: str = "mean", names: list[str] | None = None, skip: bool = False,
                id: str | None = None) -> Recipe:
    """Moving-window statistics (mean, median, sd, ...) of numeric columns.

    R: ``step_window(recipe, ..., role = NA, size = 3, na_rm = TRUE, statistic = "mean",
    names = NULL)``. The window is centered; the first and last ``size // 2`` values repeat the
    first and last full-window values (R's "somewhat atypical" ends). Without ``names`` the
    columns are replaced; with ``names`` new columns are added (role ``role``, or "predictor"
    when None — R leaves it unset). ``sd``/``var`` use ``n - 1``. Baking needs more than
    ``size + 2`` rows (R: "The window is too large"). Tunable: ``statistic`` and ``size``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    role : str, optional
    size : int, default 3
        Odd, at least 3.
    na_rm : bool, default True
    statistic : {"mean", "median", "sd", "var", "sum", "prod", "min", "max"}
    names : list of str, optional
        Names of new columns, one per selected column.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]})
    >>> recipe("~ .", df).step_window("y", names=["y_mean3"]).prep().bake(None)["y_mean3"].round(3).tolist()
    [2.333, 2.333, 4.667, 9.333, 18.667, 18.667]
    """
    if not is_tune(statistic) and statistic not in ROLL_FUNS:
        raise InvalidParameterError(
            f"step_window(): `statistic` should be one of {list(ROLL_FUNS)}; got {statistic!r}."
        )
    if not is_tune(size):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer, float)) or size != int(size):
            raise InvalidParameterError(f"step_window(): `size` must be a whole number; got {size!r}.")
        size = int(size)
        if size % 2 == 0:
            raise InvalidParameterError(f"step_window(): `size` should be odd; got {size}.")
        if size < 3:
            raise InvalidParameterError(f"step_window(): `size` should be at least 3; got {size}.")
    if names is not None:
        if isinstance(names, str) or not all(isinstance(n, str) and n for n in names) or len(set(names)) != len(names):
            raise InvalidParameterError(f"`names` in step_window() must be a list of unique strings; got {names!r}.")
        names = tuple(names)  # type: ignore[assignment]
    if role is not None and (not isinstance(role, str) or not role):
        raise InvalidParameterError(f"`role` in step_window() must be a non-empty string or None; got {role!r}.")
    check_bool(na_rm, "na_rm", "step_window()")
    check_bool(skip, "skip", "step_window()")
    return recipe.add_step(StepWindow(terms=selectors, role=role, size=size, na_rm=bool(na_rm), statistic=statistic,
                                      names=names, skip=skip, id=id))  # type: ignore[arg-type]
