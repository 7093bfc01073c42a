"""Argument checks and small helpers shared by the resampling functions."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_columns, check_number
from ..errors import InvalidParameterError


def names0(num: int, prefix: str) -> list[str]:
    """Ids zero-padded to the width of ``num`` (R: ``rsample:::names0``).

    Examples
    --------
    >>> names0(10, "Fold")[:2]
    ['Fold01', 'Fold02']
    """
    width = len(str(num))
    return [f"{prefix}{i:0{width}d}" for i in range(1, num + 1)]


def check_data(data: Any, owner: str) -> pd.DataFrame:
    """``data`` as a pandas DataFrame (polars/pyarrow frames are converted, pytidy/_frames.py); raise otherwise."""
    if not isinstance(data, pd.DataFrame) and (hasattr(data, "columns") or hasattr(data, "column_names")
                                               or (isinstance(data, np.ndarray) and data.ndim == 2)):
        from .._frames import as_frame

        return as_frame(data, "data", owner)
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(
            f"`data` in {owner} must be a pandas DataFrame; got {type(data).__name__}."
        )
    return data


def check_prop(prop: Any, owner: str) -> float:
    """``prop`` must lie strictly between 0 and 1 (R: ``check_prop``)."""
    return float(check_number(prop, "prop", owner, lower=0, upper=1, inclusive=(False, False)))


def check_column_arg(data: pd.DataFrame, column: Any, name: str, owner: str, *, allow_none: bool = True):
    """``strata``/``group``/``index`` name one column of ``data`` (R: ``check_strata``/``validate_group``)."""
    if column is None and allow_none:
        return None
    if not isinstance(column, str):
        what = "a single column name (a string) or None" if allow_none else "a single column name (a string)"
        raise InvalidParameterError(f"`{name}` in {owner} must be {what}; got {column!r}.")
    check_columns(data, [column], owner)
    return column


def check_whole(value: Any, name: str, owner: str, *, lower: int, allow_inf: bool = False):
    """A whole number >= ``lower`` (or ``math.inf`` where R allows ``Inf``)."""
    if allow_inf and isinstance(value, float) and math.isinf(value) and value > 0:
        return math.inf
    return check_number(value, name, owner, lower=lower, integer=True)


def complement_of(in_id: np.ndarray, n: int) -> np.ndarray:
    """Positions in ``0..n-1`` that are not in ``in_id``, ascending (R: ``complement()``)."""
    mask = np.ones(n, dtype=bool)
    mask[in_id] = False
    return np.flatnonzero(mask)


def signif2(x: float) -> str:
    """R's ``signif(x, 2)`` as printed."""
    return f"{x:.2g}"
