"""Small numeric helpers shared by several steps (not public).

Performance notes: pandas keeps each column contiguous, so the helpers work column by column and
build 2-D blocks in Fortran order (each column contiguous). :func:`assign_block` puts such a
block into a frame without copying it (a new 2-D pandas block), so a step costs one allocation of
its output columns and no full-frame copy.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ...errors import InvalidParameterError, PytidyWarning


def column_values(data: pd.DataFrame, col: str) -> np.ndarray:
    """One column as a float64 array (a read-only view when it is already float64; NA -> NaN)."""
    series = data[col]
    if series.dtype == np.float64:
        return series.to_numpy()
    return series.to_numpy(dtype=np.float64, na_value=np.nan)


def numeric_block(data: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The selected columns as a new float64 (n, p) array in Fortran order (nullable NA -> NaN).

    Always a fresh copy that the caller may change in place.
    """
    block = np.empty((len(columns), len(data)), dtype=np.float64)
    for j, col in enumerate(columns):
        block[j] = column_values(data, col)
    return block.T


def _as_columns(block: np.ndarray | Sequence[np.ndarray]) -> list[np.ndarray]:
    if isinstance(block, np.ndarray):
        return [block[:, j] for j in range(block.shape[1])]
    return list(block)


def _drop_nan(x: np.ndarray) -> np.ndarray:
    mask = np.isnan(x)
    return x[~mask] if mask.any() else x


def column_means(block: np.ndarray | Sequence[np.ndarray], na_rm: bool) -> np.ndarray:
    """Mean of each column of an (n, p) block or of a list of 1-D arrays (R: ``mean(na.rm =)``)."""
    cols = _as_columns(block)
    out = np.full(len(cols), np.nan)
    for j, x in enumerate(cols):
        if len(x) == 0:
            continue
        m = x.mean()
        if np.isnan(m) and na_rm:
            x = _drop_nan(x)
            m = x.mean() if len(x) else np.nan
        out[j] = m
    return out


def column_sds(block: np.ndarray | Sequence[np.ndarray], na_rm: bool) -> np.ndarray:
    """Sample standard deviations with n - 1, as R's ``sd()`` (NaN with fewer than 2 values)."""
    cols = _as_columns(block)
    out = np.full(len(cols), np.nan)
    for j, x in enumerate(cols):
        if na_rm:
            x = _drop_nan(x)
        if len(x) < 2:
            continue
        d = x - x.mean()
        out[j] = np.sqrt(np.dot(d, d) / (len(x) - 1))
    return out


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
    return sds


def select_frame(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``data[columns]`` without copying data.

    ``data[list]`` copies a block whose columns are reordered; this takes runs of adjacent columns
    as slices (views under copy-on-write) and puts them side by side.
    """
    columns = list(columns)
    if columns == list(data.columns):
        return data.copy(deep=False)
    pos = data.columns.get_indexer(columns)
    if len(pos) and (pos < 0).any():
        return data[columns]  # let pandas raise its KeyError
    if len(pos) == 0:
        return data.iloc[:, []]
    breaks = np.flatnonzero(np.diff(pos) != 1) + 1
    starts = np.concatenate([[0], breaks])
    stops = np.concatenate([breaks, [len(pos)]])
    pieces = [data.iloc[:, pos[a] : pos[a] + (b - a)] for a, b in zip(starts, stops)]
    return pieces[0] if len(pieces) == 1 else pd.concat(pieces, axis=1)


def replace_columns(data: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``data`` with the columns of ``new`` (same index) replacing its own, in ``data``'s column order.

    No data is copied: pandas (copy-on-write) keeps the blocks of both frames.
    """
    if new.shape[1] == 0:
        return data
    rest = data.drop(columns=list(new.columns))
    out = pd.concat([rest, new], axis=1) if rest.shape[1] else new
    return select_frame(out, list(data.columns))


def append_columns(data: pd.DataFrame, new: pd.DataFrame | Mapping[str, Any], originals: Sequence[str] = (),
                   keep_original_cols: bool = True, step: Any = None) -> pd.DataFrame:
    """``data`` with the columns of ``new`` (a frame with ``data``'s index, or ``{name: values}``)
    appended, and ``originals`` removed unless ``keep_original_cols``; no data is copied.

    With ``step``, a new name that already exists in ``data`` is an error naming the step (R:
    ``check_name()``, ``vec_cbind()`` and ``remove_original_cols()``).
    """
    if step is not None:
        from ._base import check_new_names

        check_new_names(data.columns, list(new.keys()) if isinstance(new, Mapping) else list(new.columns), step)
    out = data if keep_original_cols else data.drop(columns=[c for c in originals if c in data.columns])
    if isinstance(new, Mapping):
        if not new:
            return out
        new = pd.DataFrame(dict(new), index=data.index)
    if new.shape[1] == 0:
        return out
    if out.shape[1] == 0:
        return new
    return pd.concat([out, new], axis=1)


def names0(num: int, prefix: str = "x") -> list[str]:
    """R's ``recipes::names0()``: ``prefix`` and zero-padded numbers 1..num (none when ``num < 1``).

    Examples
    --------
    >>> names0(3, "PC")
    ['PC1', 'PC2', 'PC3']
    >>> names0(10, "PC")[:2]
    ['PC01', 'PC02']
    >>> names0(2)
    ['x1', 'x2']
    """
    if num < 1:
        return []
    width = len(str(num))
    return [f"{prefix}{str(i).zfill(width)}" for i in range(1, num + 1)]


def check_whole(value: Any, name: str, owner: str, minimum: int = 1, allow_tune: bool = True) -> Any:
    """A whole number >= ``minimum`` (or ``tune()`` when allowed), returned as int.

    Examples
    --------
    >>> check_whole(3.0, "degree", "step_poly()")
    3
    """
    from ...hardhat import is_tune

    if allow_tune and is_tune(value):
        return value
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InvalidParameterError(f"`{name}` in {owner} must be a whole number >= {minimum}; got {value!r}.")
    return int(value)


def block_frame(block: np.ndarray, columns: Sequence[str], index: pd.Index) -> pd.DataFrame:
    """An (n, p) array as a frame without a copy when it is in Fortran order."""
    block = np.asfortranarray(block)
    return pd.DataFrame(block, columns=list(columns), index=index, copy=False)


def assign_block(data: pd.DataFrame, columns: Sequence[str], block: np.ndarray) -> pd.DataFrame:
    """``data`` with ``columns`` replaced by the columns of ``block`` (input frame untouched)."""
    if not len(columns):
        return data
    return replace_columns(data, block_frame(block, columns, data.index))


def fill_columns(data: pd.DataFrame, values: Mapping[str, Any]) -> pd.DataFrame:
    """``data`` with missing values of each column replaced by ``values[column]`` (input untouched).

    float64 columns that need filling are copied once into one Fortran block and filled in place.
    """
    changes = {}
    floats: list[str] = []
    for col, value in values.items():
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        series = data[col]
        if series.dtype == np.float64 and isinstance(value, (int, float, np.number)):
            floats.append(col)
            continue
        if series.isna().any():
            if isinstance(series.dtype, pd.CategoricalDtype) and value not in series.cat.categories:
                series = series.cat.add_categories([value])
            changes[col] = series.fillna(value)
    out = data
    if floats:
        masks = {c: np.isnan(data[c].to_numpy()) for c in floats}
        floats = [c for c in floats if masks[c].any()]
        if floats:
            block = np.empty((len(floats), len(data)), dtype=np.float64)
            for j, col in enumerate(floats):
                block[j] = data[col].to_numpy()
                np.copyto(block[j], values[col], where=masks[col])
            out = assign_block(out, floats, block.T)
    if changes:
        out = out.copy(deep=False)
        for col, series in changes.items():
            out[col] = series
    return out


def project_columns(new_data: pd.DataFrame, columns: Sequence[str], centers: Mapping[str, float],
                    scales: Mapping[str, float] | None, loadings: Mapping[str, Sequence[float]],
                    names: Sequence[str], keep_original_cols: bool) -> pd.DataFrame:
    """``new_data`` with ``columns`` centred, scaled (when ``scales``), projected on ``loadings``
    (one row per column) and appended as ``names``; the originals dropped unless kept.

    The bake of the projection steps (``step_pca``, ``step_ica``, ``step_pls``).
    """
    cols = list(columns)
    x = numeric_block(new_data, cols)
    x -= np.array([centers[c] for c in cols])
    if scales:
        x /= np.array([scales[c] for c in cols])
    scores = x @ np.array([loadings[c] for c in cols])
    out = new_data if keep_original_cols else new_data.drop(columns=cols)
    return append_columns(out, block_frame(scores, names, new_data.index))
