"""Input conversion at the boundary: the frames users have become one kind of pandas frame.

Every public entry point that takes data (``fit``, ``fit_xy``, ``predict``, workflow ``fit`` and
``predict``, recipe ``prep``/``bake``, ``vfold_cv`` and friends, metrics) calls :func:`as_frame`
once, so the code behind it sees a pandas DataFrame with plain numpy (or categorical/string)
columns and string column names. The conversion:

=============================================  ===============================================
input                                          becomes
=============================================  ===============================================
pandas DataFrame with numpy dtypes             the same object (no copy)
polars DataFrame / LazyFrame, pyarrow Table    ``to_pandas()`` (a LazyFrame is collected), then
                                               the column rules below
2-D numpy array                                a DataFrame with columns ``V1, V2, ...`` (R's
                                               ``as.data.frame(matrix)`` names), or the names
                                               the model or recipe expects when ``columns`` is
                                               given and the widths agree (predict on an array)
Int8..Int64, UInt8..UInt64 (nullable)          ``int64`` without missing values, else
                                               ``float64`` with ``NaN`` for ``<NA>``
Float32/Float64 (nullable)                     ``float64``, ``<NA>`` -> ``NaN``
boolean (nullable), or an object column of     ``bool`` without missing values, else
True/False/None (polars' booleans with nulls)  ``float64`` (1.0 / 0.0, ``<NA>`` -> ``NaN``; R's
                                               model matrix codes ``TRUE`` as 1 too)
``None`` / ``pd.NA`` in an object column       ``NaN``
string, string[pyarrow], large_string[pyarrow] pandas' default ``str`` dtype, ``<NA>`` -> ``NaN``
int/float/bool[pyarrow] (``ArrowDtype``)       as the nullable rules above
timestamp/date[pyarrow]                        ``datetime64``
dictionary[pyarrow]                            ``category``
integer column names (numpy's, polars')        their string form, ``0`` -> ``"0"``
=============================================  ===============================================

Recipes (``recipe()``, ``prep()``, ``bake()``) apply the same rules except that pandas' nullable
integer columns (``Int64`` ...) stay as they are, so an integer column imputed by a step stays
integer, as in R; the model boundary converts them afterwards.

Refused with :class:`~pytidy.errors.InvalidParameterError`: duplicated column names, names that
are neither strings nor integers (tuples from a MultiIndex, floats, None), arrays that are not
two-dimensional, and objects of any other type. polars and pyarrow are imported only when such an
object is passed. The caller's object is never changed.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import InvalidParameterError

__all__ = ["as_frame", "as_series", "column_names", "check_column_names"]


def _module_of(obj: Any) -> str:
    return type(obj).__module__.split(".", 1)[0]


def column_names(obj: Any) -> list[Any]:
    """The column names of any input :func:`as_frame` takes, without converting it.

    Examples
    --------
    >>> column_names(np.zeros((1, 2)))
    ['V1', 'V2']
    """
    if isinstance(obj, pd.DataFrame):
        return list(obj.columns)
    if _module_of(obj) in ("polars", "pyarrow") and hasattr(obj, "columns"):
        cols = obj.columns if _module_of(obj) == "polars" else obj.column_names
        return list(cols() if callable(cols) else cols)
    if isinstance(obj, np.ndarray) and obj.ndim == 2:
        return [f"V{i + 1}" for i in range(obj.shape[1])]
    return []


def check_column_names(names: Sequence[Any], what: str, owner: str) -> list[str]:
    """String names for ``names``: integers become strings; duplicates and other types raise.

    Examples
    --------
    >>> check_column_names([0, "y"], "data", "fit()")
    ['0', 'y']
    """
    out = []
    for name in names:
        if isinstance(name, str):
            out.append(name)
        elif isinstance(name, numbers.Integral) and not isinstance(name, bool):
            out.append(str(int(name)))
        else:
            bad = [n for n in names if not isinstance(n, (str, numbers.Integral)) or isinstance(n, bool)]
            raise InvalidParameterError(
                f"{owner}: every column name of `{what}` must be a string; got {bad[:5]}. "
                "Rename the columns, e.g. df.columns = [str(c) for c in df.columns]."
            )
    seen: set[str] = set()
    dup = [n for n in out if n in seen or seen.add(n)]  # type: ignore[func-returns-value]
    if dup:
        raise InvalidParameterError(
            f"{owner}: `{what}` has duplicated column names {sorted(set(dup))}; each column needs its "
            "own name (a formula or recipe could otherwise pick the wrong one). Rename them, e.g. "
            "with df.columns = [...] or pandas' df.rename()."
        )
    return out


def _to_pandas(obj: Any, what: str, owner: str, columns: Sequence[str] | None) -> pd.DataFrame:
    if isinstance(obj, pd.DataFrame):
        return obj
    mod = _module_of(obj)
    if mod == "polars":
        import polars as pl

        if isinstance(obj, pl.LazyFrame):
            obj = obj.collect()
        if isinstance(obj, pl.DataFrame):
            return obj.to_pandas()
        if isinstance(obj, pl.Series):
            return obj.to_frame().to_pandas()
    if mod == "pyarrow":
        import pyarrow as pa

        if isinstance(obj, (pa.Table, pa.RecordBatch)):
            return obj.to_pandas()
    if isinstance(obj, np.ndarray):
        if obj.ndim != 2:
            raise InvalidParameterError(
                f"`{what}` in {owner} must be a data frame or a 2-D array (rows x columns); got a "
                f"{obj.ndim}-D array of shape {obj.shape}. Use arr.reshape(-1, 1) for one column."
            )
        names = [f"V{i + 1}" for i in range(obj.shape[1])]
        if columns is not None and len(columns) == obj.shape[1] and set(columns) != set(names):
            names = list(columns)  # a model or recipe fitted on named columns: take them in order
        return pd.DataFrame(obj, columns=names, copy=True)
    if isinstance(obj, pd.Series):
        raise InvalidParameterError(
            f"`{what}` in {owner} must be a data frame; got a pandas Series. Use series.to_frame()."
        )
    raise InvalidParameterError(
        f"`{what}` in {owner} must be a pandas DataFrame (or a polars/pyarrow frame, or a 2-D numpy "
        f"array); got {type(obj).__name__}."
    )


def _arrow_column(s: pd.Series) -> pd.Series | None:
    import pyarrow as pa

    t = s.dtype.pyarrow_dtype
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        if s.isna().any():
            return s.astype("float64")
        return s.astype("int64") if pa.types.is_integer(t) else s.astype("float64")
    if pa.types.is_boolean(t):
        return s.astype("float64") if s.isna().any() else s.astype(bool)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or getattr(pa.types, "is_string_view", lambda _: False)(t):
        return s.astype("str")
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return pd.Series(pd.to_datetime(s.astype(object)), index=s.index, name=s.name)
    if pa.types.is_duration(t):
        return pd.Series(pd.to_timedelta(s.astype(object)), index=s.index, name=s.name)
    if pa.types.is_dictionary(t):
        return s.astype(object).where(s.notna(), np.nan).astype("category")
    if pa.types.is_null(t):
        return pd.Series(np.nan, index=s.index, name=s.name, dtype=float)
    return None  # nested types: left as they are; the column checks refuse them clearly


def convert_column(s: pd.Series) -> pd.Series | None:
    """The numpy-backed version of ``s``, or None when ``s`` needs no conversion.

    Examples
    --------
    >>> convert_column(pd.Series(pd.array([1, None], dtype="Int64"))).tolist()
    [1.0, nan]
    >>> convert_column(pd.Series([1.0])) is None
    True
    """
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return None
    if getattr(dtype, "name", None) in ("importance_weights", "frequency_weights"):
        return None  # case weights keep their kind (pytidy/case_weights.py); they are never predictors
    if isinstance(dtype, pd.ArrowDtype):
        return _arrow_column(s)
    if isinstance(dtype, pd.StringDtype):
        if dtype.na_value is np.nan or (isinstance(dtype.na_value, float) and np.isnan(dtype.na_value)):
            return None  # pandas' default "str" dtype: NaN for missing already
        return s.astype("str")
    if isinstance(dtype, pd.BooleanDtype):
        return s.astype("float64") if s.isna().any() else s.astype(bool)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iu":
        return s.astype("float64") if s.isna().any() else s.astype("int64")
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind == "f":
        return s.astype("float64")
    if dtype == object and len(s):
        if pd.api.types.infer_dtype(s, skipna=True) == "boolean":  # polars' bool with nulls
            return s.astype("float64") if s.isna().any() else s.astype(bool)
        is_na = s.map(lambda v: v is pd.NA or v is None)
        if is_na.any():
            return s.where(~is_na, np.nan)
    return None


def as_frame(obj: Any, what: str, owner: str, *, columns: Sequence[str] | None = None,
             keep: Sequence[str] = (), keep_nullable_int: bool = False) -> pd.DataFrame:
    """Convert a user's data to the pandas frame pytidy works on (see the module docstring).

    Parameters
    ----------
    obj : pandas/polars DataFrame, polars LazyFrame, pyarrow Table or 2-D numpy array
        The data.
    what, owner : str
        Its argument name and the function it was given to, for error messages.
    columns : sequence of str, optional
        Names for the columns of a 2-D numpy array when its width matches (predict on an array).
    keep : sequence of str
        Columns whose dtype is left as it is (an outcome, converted by the model's own rules).
    keep_nullable_int : bool, default False
        Leave pandas' nullable integer columns (``Int64`` ...) as they are. Recipes do, so that an
        integer column with missing values stays integer after imputation (R); the model boundary
        converts them later.

    Returns
    -------
    DataFrame
        ``obj`` itself when nothing needs converting, else a new frame; ``obj`` is never changed.

    Examples
    --------
    >>> df = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), 0: [True, False]})
    >>> out = as_frame(df, "data", "fit()")
    >>> out.columns.tolist(), out.dtypes.astype(str).tolist()
    (['a', '0'], ['float64', 'bool'])
    >>> as_frame(np.ones((2, 2)), "x", "fit_xy()").columns.tolist()
    ['V1', 'V2']
    """
    frame = _to_pandas(obj, what, owner, columns)
    names = check_column_names(list(frame.columns), what, owner)
    changes: dict[str, pd.Series] = {}
    keep_set = set(keep)
    for i, name in enumerate(names):
        if name in keep_set:
            continue
        col = frame.iloc[:, i]
        if keep_nullable_int and isinstance(col.dtype, pd.api.extensions.ExtensionDtype) and col.dtype.kind in "iu" \
                and not isinstance(col.dtype, pd.ArrowDtype):
            continue
        new = convert_column(col)
        if new is not None:
            changes[name] = new
    renamed = names != list(frame.columns)
    if not changes and not renamed:
        return frame
    if frame is obj:
        frame = frame.copy(deep=False)  # never rename or replace columns of the caller's frame
    if renamed:
        frame.columns = names
    for name, col in changes.items():
        frame[name] = col.to_numpy() if isinstance(col.dtype, np.dtype) else col.array
    return frame


def as_series(obj: Any, what: str, owner: str, *, index: pd.Index | None = None,
              name: str = ".outcome") -> pd.Series:
    """An outcome vector as a pandas Series (R: hardhat names a vector outcome ``.outcome``).

    pandas Series keep their name and dtype (nullable dtypes are converted by the model's outcome
    rules); polars Series, pyarrow arrays, lists and 1-D numpy arrays are converted.

    Examples
    --------
    >>> as_series(np.array([1.0, 2.0]), "y", "fit_xy()").name
    '.outcome'
    """
    if isinstance(obj, pd.Series):
        return obj
    if isinstance(obj, pd.DataFrame) or (_module_of(obj) in ("polars", "pyarrow") and hasattr(obj, "columns")):
        frame = as_frame(obj, what, owner, keep=column_names(obj))
        if frame.shape[1] != 1:
            raise InvalidParameterError(
                f"`{what}` in {owner} must be one column (the outcome); got {frame.shape[1]} columns."
            )
        return frame.iloc[:, 0]
    mod = _module_of(obj)
    if mod == "polars":
        s = obj.to_pandas()
        return pd.Series(s.array, index=index, name=obj.name or name) if index is not None else s.rename(obj.name or name)
    if mod == "pyarrow":
        obj = obj.to_pandas() if hasattr(obj, "to_pandas") else np.asarray(obj)
        if isinstance(obj, pd.Series):
            return pd.Series(obj.array, index=index, name=name)
    arr = np.asarray(obj)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise InvalidParameterError(
            f"`{what}` in {owner} must be one column (a vector); got an array of shape {arr.shape}."
        )
    return pd.Series(arr.copy(), index=index if index is not None and len(index) == len(arr) else None, name=name)
