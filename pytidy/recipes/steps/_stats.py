"""Small numeric helpers shared by several steps (not public)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ...errors import InvalidParameterError, PytidyWarning


def numeric_block(data: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The selected columns as one float64 (n, p) array (nullable NA -> NaN)."""
    if not columns:
        return np.empty((len(data), 0))
    return data[list(columns)].to_numpy(dtype=np.float64, na_value=np.nan)


def column_means(block: np.ndarray, na_rm: bool) -> np.ndarray:
    if block.shape[0] == 0:
        return np.full(block.shape[1], np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(block, axis=0) if na_rm else block.mean(axis=0)


def column_sds(block: np.ndarray, na_rm: bool) -> np.ndarray:
    """Sample standard deviations with n - 1, as R's ``sd()``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanstd(block, axis=0, ddof=1) if na_rm else block.std(axis=0, ddof=1)


def sd_check(columns: Sequence[str], sds: np.ndarray, step_name: str) -> np.ndarray:
    """Zero sds become 1 with a warning that suggests step_zv() (R: ``recipes:::sd_check``)."""
    zero = [c for c, s in zip(columns, sds) if s == 0]
    if zero:
        warnings.warn(
            f"{step_name}(): column(s) {zero} have zero variance so scaling cannot be used; they are "
            "left unscaled. Consider using step_zv() to remove those columns before normalizing.",
            PytidyWarning,
            stacklevel=4,
        )
        sds = np.where(sds == 0, 1.0, sds)
    if np.isnan(sds).any() and np.isinf(np.abs(np.nan_to_num(sds, nan=0))).any():  # pragma: no cover
        pass
    return sds


def check_bool(value: object, name: str, owner: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    return bool(value)


def assign_block(data: pd.DataFrame, columns: Sequence[str], block: np.ndarray) -> pd.DataFrame:
    """``data`` with ``columns`` replaced by the columns of ``block`` (input frame untouched)."""
    if not columns:
        return data
    out = data.copy(deep=False)
    for j, col in enumerate(columns):
        out[col] = block[:, j]
    return out


def fill_columns(data: pd.DataFrame, values: dict[str, object]) -> pd.DataFrame:
    """``data`` with missing values of each column replaced by ``values[column]`` (input untouched)."""
    changes = {}
    for col, value in values.items():
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        series = data[col]
        if series.isna().any():
            if isinstance(series.dtype, pd.CategoricalDtype) and value not in series.cat.categories:
                series = series.cat.add_categories([value])
            changes[col] = series.fillna(value)
    if not changes:
        return data
    out = data.copy(deep=False)
    for col, series in changes.items():
        out[col] = series
    return out
