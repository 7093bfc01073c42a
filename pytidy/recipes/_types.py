"""Column types with R's names (R: ``recipes:::get_types()`` / ``.get_data_types()``).

R >= 1.1 gives each column a *list* of types, most specific first: a double column is
``c("double", "numeric")``, a factor ``c("factor", "unordered", "nominal")``. pytidy keeps the same
tuple in the ``type`` column of ``var_info``/``term_info``; ``main_type(types)`` is its first entry.
"""

from __future__ import annotations

import pandas as pd
from pandas.api import types as pdt

__all__ = ["column_type", "data_types", "main_type"]

_OBJECT_KINDS = {
    "string": ("string", "unordered", "nominal"),
    "empty": ("string", "unordered", "nominal"),
    "boolean": ("logical",),
    "date": ("date",),
    "datetime": ("datetime",),
    "datetime64": ("datetime",),
    "integer": ("integer", "numeric"),
    "floating": ("double", "numeric"),
    "mixed-integer-float": ("double", "numeric"),
    "decimal": ("double", "numeric"),
}


def column_type(col: pd.Series) -> tuple[str, ...]:
    """R's type list of one column, e.g. ``("double", "numeric")``.

    Examples
    --------
    >>> column_type(pd.Series([1.5, 2.0]))
    ('double', 'numeric')
    >>> column_type(pd.Series(["a", "b"], dtype="category"))
    ('factor', 'unordered', 'nominal')
    >>> column_type(pd.Series(["a", "b"]))
    ('string', 'unordered', 'nominal')
    """
    dtype = col.dtype
    if getattr(dtype, "name", None) in ("importance_weights", "frequency_weights"):
        return ("case_weights",)   # R: .get_data_types.hardhat_case_weights, so all_numeric() skips it
    if isinstance(dtype, pd.CategoricalDtype):
        return ("ordered", "nominal") if dtype.ordered else ("factor", "unordered", "nominal")
    if pdt.is_bool_dtype(dtype):
        return ("logical",)
    if pdt.is_integer_dtype(dtype):
        return ("integer", "numeric")
    if pdt.is_float_dtype(dtype):
        return ("double", "numeric")
    if pdt.is_complex_dtype(dtype):
        return ("complex",)
    if pdt.is_datetime64_any_dtype(dtype):
        return ("datetime",)
    if pdt.is_timedelta64_dtype(dtype):
        return ("duration",)
    if pdt.is_object_dtype(dtype) or pdt.is_string_dtype(dtype):
        kind = pd.api.types.infer_dtype(col, skipna=True)
        return _OBJECT_KINDS.get(kind, ("other",))
    return ("other",)


def data_types(data: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """``{column: type tuple}`` for every column of ``data``, in column order.

    Examples
    --------
    >>> data_types(pd.DataFrame({"a": [1], "b": [True]}))
    {'a': ('integer', 'numeric'), 'b': ('logical',)}
    """
    return {name: column_type(data[name]) for name in data.columns}


def main_type(types: tuple[str, ...]) -> str:
    """The most specific type of a type tuple (its first entry).

    Examples
    --------
    >>> main_type(("integer", "numeric"))
    'integer'
    """
    return types[0]


def is_string_column(col: pd.Series) -> bool:
    """Does ``col`` hold strings (R's character vector), not a factor?"""
    return column_type(col)[0] == "string"
