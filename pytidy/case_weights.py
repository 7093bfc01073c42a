"""Case weights as column types (R: hardhat ``R/case-weights.R``).

``importance_weights(x)`` and ``frequency_weights(x)`` return pandas extension arrays with the
dtypes ``"importance_weights"`` (float64) and ``"frequency_weights"`` (int64). The weight kind is
part of the column's dtype, so it survives slicing, ``pd.concat``, ``iloc``/``take`` and
resampling, as R's vctrs classes survive subsetting. As in R, the vectors take no arithmetic
(turn them into plain numbers with ``np.asarray(w, dtype=float)`` or ``series.astype(float)``).

How the rest of pytidy uses them (R's rules):

* a recipe gives a case-weights column the role ``"case_weights"`` (never a predictor);
* unsupervised recipe steps (``step_center``, ``step_scale``, ``step_normalize``,
  ``step_impute_mean``) use frequency weights and ignore importance weights;
* workflows pass the column to the engine's ``fit(..., case_weights=)``
  (:meth:`~pytidy.workflows.Workflow.add_case_weights`);
* tuning passes frequency weights of the assessment rows to the metrics, not importance weights.
"""

from __future__ import annotations

import builtins
import numbers
from typing import Any, cast

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray, ExtensionDtype, register_extension_dtype

from .errors import InvalidParameterError

__all__ = [
    "importance_weights", "frequency_weights", "is_case_weights", "is_importance_weights",
    "is_frequency_weights",
]  # fmt: skip


class _CaseWeightsDtype(ExtensionDtype):
    _numpy: np.dtype = np.dtype(np.float64)

    @property
    def _is_numeric(self) -> bool:
        return True

    @classmethod
    def construct_from_string(cls, string: str) -> _CaseWeightsDtype:
        if string == cls.name:
            return cls()
        raise TypeError(f"Cannot construct a '{cls.__name__}' from '{string}'")

    def __repr__(self) -> str:
        return self.name


@register_extension_dtype
class ImportanceWeightsDtype(_CaseWeightsDtype):
    """The dtype of :func:`importance_weights` columns (R class ``hardhat_importance_weights``)."""

    name = "importance_weights"
    type = float
    kind = "f"
    na_value = np.nan
    _numpy = np.dtype(np.float64)

    @classmethod
    def construct_array_type(cls) -> builtins.type[CaseWeightsArray]:  # `type` is a dtype attribute here
        return ImportanceWeightsArray


@register_extension_dtype
class FrequencyWeightsDtype(_CaseWeightsDtype):
    """The dtype of :func:`frequency_weights` columns (R class ``hardhat_frequency_weights``)."""

    name = "frequency_weights"
    type = int
    kind = "i"
    na_value = np.nan
    _numpy = np.dtype(np.int64)

    @classmethod
    def construct_array_type(cls) -> builtins.type[CaseWeightsArray]:  # `type` is a dtype attribute here
        return FrequencyWeightsArray


def _validate(values: Any, kind: str) -> np.ndarray:
    """Non-negative finite weights; whole numbers for frequency weights (R: ``vec_cast`` + check)."""
    owner = f"{kind}_weights()"
    if isinstance(values, ExtensionArray) and _kind_of(values) is not None:
        values = np.asarray(values)
    if isinstance(values, (pd.Series, pd.Index)):
        dtype = values.dtype
        if dtype == object or isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_bool_dtype(dtype):
            raise InvalidParameterError(
                f"`x` in {owner} must be numeric; got a column of dtype {dtype}. Convert it to numbers first."
            )
        values = values.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isscalar(values):
        values = [values]
    arr = np.asarray(values)
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise InvalidParameterError(
            f"`x` in {owner} must be a numeric vector; got values of type {arr.dtype}. "
            "Pass numbers, e.g. a list of floats or an integer array."
        )
    if arr.ndim != 1:
        raise InvalidParameterError(f"`x` in {owner} must be one-dimensional; got shape {arr.shape}.")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise InvalidParameterError(
            f"`x` in {owner} can't contain missing or infinite weights; found "
            f"{int((~np.isfinite(arr)).sum())}. Give every row a finite weight (0 drops a row)."
        )
    if np.any(arr < 0):
        raise InvalidParameterError(f"`x` in {owner} can't contain negative weights.")
    if kind == "frequency":
        if np.any(arr != np.round(arr)):
            raise InvalidParameterError(
                "`x` in frequency_weights() must hold whole numbers (counts of replicated rows); "
                "fractional values are not allowed. Use importance_weights() for fractional weights."
            )
        return arr.astype(np.int64)
    return arr


class CaseWeightsArray(ExtensionArray):
    """A numpy-backed array of case weights; see :func:`importance_weights`/:func:`frequency_weights`."""

    _dtype: _CaseWeightsDtype
    _kind: str

    def __init__(self, values: Any, copy: bool = False) -> None:
        data = _validate(values, self._kind)
        self._data = data.copy() if copy and data is values else data

    @classmethod
    def _trusted(cls, data: np.ndarray) -> CaseWeightsArray:
        obj = cls.__new__(cls)
        obj._data = data
        return obj

    # -- the ExtensionArray interface --------------------------------------------------------
    @classmethod
    def _from_sequence(cls, scalars: Any, *, dtype: Any = None, copy: bool = False) -> CaseWeightsArray:
        return cls(scalars, copy=copy)

    @classmethod
    def _from_factorized(cls, values: np.ndarray, original: CaseWeightsArray) -> CaseWeightsArray:
        return cls._trusted(np.asarray(values, dtype=original._data.dtype))

    @property
    def dtype(self) -> _CaseWeightsDtype:
        return self._dtype

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, numbers.Integral):
            return self._data[item].item()
        item = pd.api.indexers.check_array_indexer(self, item)
        return self._trusted(self._data[item])

    def __setitem__(self, key: Any, value: Any) -> None:
        key = pd.api.indexers.check_array_indexer(self, key)
        if isinstance(value, CaseWeightsArray):
            value = value._data
        new = _validate(np.atleast_1d(np.asarray(value)), self._kind)
        self._data[key] = new if new.size != 1 else new[0]

    def __iter__(self):
        return (v.item() for v in self._data)

    def __eq__(self, other: Any) -> Any:
        if isinstance(other, (pd.Series, pd.Index, pd.DataFrame)):
            return NotImplemented
        if isinstance(other, CaseWeightsArray):
            other = other._data
        return self._data == other

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        if dtype is None:
            return self._data.copy() if copy else self._data
        return self._data.astype(dtype)

    @property
    def nbytes(self) -> int:
        return self._data.nbytes

    def isna(self) -> np.ndarray:
        return np.zeros(len(self._data), dtype=bool)

    def take(self, indices: Any, *, allow_fill: bool = False, fill_value: Any = None) -> CaseWeightsArray:
        idx = np.asarray(indices, dtype=np.intp)
        if allow_fill:
            if np.any(idx < -1):
                raise ValueError("take(): negative indices other than -1 are not allowed with allow_fill.")
            if np.any(idx == -1):
                raise InvalidParameterError(
                    f"{self._kind}_weights cannot be missing: this operation (e.g. a reindex or an outer "
                    "join) would create rows without a weight. Give those rows a weight first."
                )
        return self._trusted(self._data.take(idx))

    def copy(self) -> CaseWeightsArray:
        return self._trusted(self._data.copy())

    @classmethod
    def _concat_same_type(cls, to_concat: Any) -> CaseWeightsArray:
        return cls._trusted(np.concatenate([a._data for a in to_concat]))

    def _values_for_factorize(self) -> tuple[np.ndarray, Any]:
        return self._data, np.nan if self._kind == "importance" else -1

    def _values_for_argsort(self) -> np.ndarray:
        return self._data

    def _reduce(self, name: str, *, skipna: bool = True, keepdims: bool = False, **kwargs: Any) -> Any:
        if name not in ("sum", "mean", "min", "max", "median", "std", "var", "any", "all", "prod"):
            raise TypeError(f"{self._kind}_weights do not support the reduction {name!r}.")
        kw = {"ddof": kwargs.get("ddof", 1)} if name in ("std", "var") else {}
        value = getattr(np, name)(self._data.astype(np.float64), **kw)
        return np.array([value]) if keepdims else value

    def _quantile(self, qs: np.ndarray, interpolation: str) -> np.ndarray:
        # numpy types `method` as a Literal of its method names; pandas passes one of them.
        return np.quantile(self._data.astype(np.float64), qs, method=cast(Any, interpolation))

    def astype(self, dtype: Any, copy: bool = True) -> Any:
        dtype = pd.api.types.pandas_dtype(dtype)
        if dtype == self.dtype:
            return self.copy() if copy else self
        if isinstance(dtype, _CaseWeightsDtype):
            return dtype.construct_array_type()(self._data)
        if isinstance(dtype, ExtensionDtype):
            return dtype.construct_array_type()._from_sequence(self._data, dtype=dtype, copy=copy)
        return self._data.astype(dtype, copy=copy)

    def _formatter(self, boxed: bool = False) -> Any:
        return (lambda v: f"{v:g}") if self._kind == "importance" else str

    def __repr__(self) -> str:
        vals = ", ".join(self._formatter()(v) for v in self._data[:10].tolist())
        more = ", ..." if len(self) > 10 else ""
        return f"<{self._kind}_weights[{len(self)}]>\n[{vals}{more}]"


class ImportanceWeightsArray(CaseWeightsArray):
    """Importance weights (non-negative floats): how much each row counts in a fit."""

    _dtype = ImportanceWeightsDtype()
    _kind = "importance"


class FrequencyWeightsArray(CaseWeightsArray):
    """Frequency weights (non-negative integers): how many times each row occurred."""

    _dtype = FrequencyWeightsDtype()
    _kind = "frequency"


def importance_weights(x: Any) -> ImportanceWeightsArray:
    """Importance weights: how much each row counts, non-negative floats (R: ``hardhat::importance_weights``).

    Put the result in a DataFrame column; the column's dtype is ``"importance_weights"``. Models
    fitted through a workflow with :meth:`~pytidy.workflows.Workflow.add_case_weights` use them;
    unsupervised recipe steps and tuning metrics do not (R).

    Parameters
    ----------
    x : array-like of numbers
        Non-negative, finite. R also accepts ``NA`` and ``Inf``; pytidy refuses them because no
        engine can fit with them.

    Returns
    -------
    ImportanceWeightsArray

    Raises
    ------
    InvalidParameterError
        For negative, missing, infinite or non-numeric values.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "w": importance_weights([1.5, 2.3, 10])})
    >>> df["w"].dtype
    importance_weights
    >>> df.iloc[[2, 0]]["w"].tolist()
    [10.0, 1.5]
    """
    return ImportanceWeightsArray(x)


def frequency_weights(x: Any) -> FrequencyWeightsArray:
    """Frequency weights: each row stands for that many rows (R: ``hardhat::frequency_weights``).

    A frequency-weighted fit equals the fit on the rows repeated by their weights; unsupervised
    recipe steps and tuning metrics use them too (R).

    Parameters
    ----------
    x : array-like of whole numbers
        Non-negative; floats must be whole (``2.0`` is fine, ``2.5`` is an error, as R's
        ``vec_cast`` to integer).

    Returns
    -------
    FrequencyWeightsArray

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "w": frequency_weights([10, 12])})
    >>> pd.concat([df, df])["w"].dtype
    frequency_weights
    >>> frequency_weights([1.5])
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `x` in frequency_weights() must hold whole numbers (counts of replicated rows); fractional values are not allowed. Use importance_weights() for fractional weights.
    """
    return FrequencyWeightsArray(x)


def _kind_of(x: Any) -> str | None:
    """"importance", "frequency" or None, from the dtype's name.

    By name rather than by class, so the test holds even when this module is imported twice
    (pytest's importlib import mode with doctests does that).
    """
    dtype = x if isinstance(x, ExtensionDtype) else getattr(x, "dtype", None)
    if not isinstance(dtype, ExtensionDtype):
        return None
    return {"importance_weights": "importance", "frequency_weights": "frequency"}.get(dtype.name)


def is_case_weights(x: Any) -> bool:
    """Is ``x`` (an array, Series or dtype) a case-weights vector? (R: ``hardhat::is_case_weights``).

    Examples
    --------
    >>> is_case_weights(frequency_weights([1, 2])), is_case_weights([1.0, 2.0])
    (True, False)
    """
    return _kind_of(x) is not None


def is_importance_weights(x: Any) -> bool:
    """Is ``x`` an importance-weights vector? (R: ``hardhat::is_importance_weights``).

    Examples
    --------
    >>> is_importance_weights(importance_weights([1.0])), is_importance_weights(frequency_weights([1]))
    (True, False)
    """
    return _kind_of(x) == "importance"


def is_frequency_weights(x: Any) -> bool:
    """Is ``x`` a frequency-weights vector? (R: ``hardhat::is_frequency_weights``).

    Examples
    --------
    >>> is_frequency_weights(frequency_weights([1])), is_frequency_weights(importance_weights([1.0]))
    (True, False)
    """
    return _kind_of(x) == "frequency"


def weights_array(x: Any) -> np.ndarray:
    """The weights of a case-weights vector or Series as a float64 numpy array (a copy)."""
    return np.array(np.asarray(x), dtype=np.float64)
