"""Input handling shared by every metric: factor encoding, case weights, missing values.

R's yardstick works on factors; here a factor is a pandas ``Categorical`` (its categories are the
levels, in order). Anything else is encoded with its sorted unique values as levels, so for 0/1
labels the first level (the event, ``event_level="first"``) is ``0``. Codes are ``-1`` for
missing values, as in pandas.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_bool, check_choice
from ..errors import InvalidParameterError

EVENT_LEVELS = ("first", "second")


def _as_categorical(x: Any) -> pd.Categorical | None:
    if isinstance(x, pd.Series):
        x = x.array
    if isinstance(x, pd.Categorical):
        return x
    return None


def encode(x: Any, owner: str, what: str = "truth") -> tuple[np.ndarray, list[Any]]:
    """Return integer codes (``-1`` = missing) and the levels of a factor-like vector.

    Examples
    --------
    >>> codes, levels = encode(np.array([3, 1, 3]), "f()")
    >>> codes.tolist(), levels
    ([1, 0, 1], [1, 3])
    """
    cat = _as_categorical(x)
    if cat is not None:
        return np.asarray(cat.codes, dtype=np.int64), list(cat.categories)
    if isinstance(x, (pd.Series, pd.Index)) and not isinstance(x.dtype, np.dtype):
        # nullable / pyarrow dtypes: missing values become NaN (pytidy/_frames.py rules)
        from .._frames import convert_column

        conv = convert_column(pd.Series(x))
        x = conv if conv is not None else x
    arr = x.to_numpy() if isinstance(x, (pd.Series, pd.Index)) else np.asarray(x)
    if arr.ndim != 1:
        raise InvalidParameterError(
            f"`{what}` in {owner} must be a 1-D vector (a column); got an array of shape {arr.shape}."
        )
    _check_factor_like(arr, owner, what)
    if arr.dtype.kind in "biu" and arr.size:
        # Fast path for integer labels: a bincount gives the sorted levels in O(n), and labels that
        # are already 0..k-1 are their own codes (no copy).
        lo, hi = int(arr.min()), int(arr.max())
        if hi - lo < 1_000_000:
            ints = arr.astype(np.int64, copy=False)
            shifted = ints - lo if lo else ints
            present = np.flatnonzero(np.bincount(shifted, minlength=hi - lo + 1))
            levels = (present + lo).tolist()
            if arr.dtype.kind == "b":
                levels = [bool(v) for v in levels]
            if present.size == hi - lo + 1:
                return shifted, levels
            lut = np.full(hi - lo + 1, -1, dtype=np.int64)
            lut[present] = np.arange(present.size)
            return lut[shifted], levels
    codes, uniques = pd.factorize(arr, sort=True)
    levels = uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)
    return np.asarray(codes, dtype=np.int64), levels


def _check_factor_like(arr: np.ndarray, owner: str, what: str) -> None:
    """Class and probability metrics need factor-like values: refuse floats (R: "should be a factor")."""
    kind = arr.dtype.kind
    if kind == "f" or kind == "c":
        floating = True
    elif kind == "O" and arr.size:
        floating = pd.api.types.infer_dtype(arr, skipna=True) in ("floating", "mixed-integer-float", "decimal")
    else:
        floating = False
    if floating and arr.size and not np.all(np.isnan(arr.astype(float, copy=False))):
        raise InvalidParameterError(
            f"`{what}` in {owner} must be a factor-like column (category, string, bool or integer) "
            f"because {owner} is a class or probability metric; got numbers of type {arr.dtype}. For "
            "numeric predictions use a numeric metric such as rmse(); for class labels stored as "
            "numbers, convert them with .astype(int) or .astype('category') (R: `truth` should be a factor)."
        )


def encode_with_levels(x: Any, levels: list[Any], owner: str, what: str) -> np.ndarray:
    """Codes of ``x`` against fixed ``levels``; values outside them raise."""
    codes, own = encode(x, owner, what)
    if own == levels:
        return codes
    lut = pd.Index(levels).get_indexer(pd.Index(own)) if own else np.empty(0, dtype=np.int64)
    unknown = [v for v, i in zip(own, lut) if i < 0]
    if unknown:
        raise InvalidParameterError(
            f"`{what}` in {owner} has values that are not levels of `truth`: {unknown[:5]}. "
            f"The levels of `truth` are {levels}. Make both columns categoricals with the same "
            "categories (R: `truth` and `estimate` levels must be equivalent)."
        )
    lut = np.append(np.asarray(lut, dtype=np.int64), -1)  # code -1 stays missing
    return lut[codes]


def encode_pair(truth: Any, estimate: Any, owner: str) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """Encode a truth/estimate pair of class vectors on shared levels.

    A categorical ``truth`` fixes the levels; otherwise a categorical ``estimate`` does; otherwise the
    levels are the sorted union of the values of both.
    """
    if _as_categorical(truth) is not None:
        t, levels = encode(truth, owner, "truth")
        return t, encode_with_levels(estimate, levels, owner, "estimate"), levels
    if _as_categorical(estimate) is not None:
        e, levels = encode(estimate, owner, "estimate")
        return encode_with_levels(truth, levels, owner, "truth"), e, levels
    t, lt = encode(truth, owner, "truth")
    e, le = encode(estimate, owner, "estimate")
    if lt == le:
        return t, e, lt
    levels = sorted(set(lt) | set(le))
    return (
        encode_with_levels(truth, levels, owner, "truth"),
        encode_with_levels(estimate, levels, owner, "estimate"),
        levels,
    )


def as_weights(case_weights: Any, n: int, owner: str) -> np.ndarray | None:
    """``None`` or a float vector of length ``n``."""
    if case_weights is None:
        return None
    w = np.asarray(case_weights, dtype=np.float64)
    if w.ndim != 1 or w.shape[0] != n:
        raise InvalidParameterError(
            f"`case_weights` in {owner} must be a vector with one weight per row ({n}); "
            f"got shape {w.shape}."
        )
    if np.any(w < 0):
        raise InvalidParameterError(f"`case_weights` in {owner} must be non-negative.")
    return w


def as_numeric(x: Any, owner: str, what: str) -> np.ndarray:
    """A float vector, or a clear error (a factor or text is refused, R: "should be a numeric").

    Examples
    --------
    >>> as_numeric(pd.Series(["a", "b"], dtype="category"), "rmse()", "truth")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `truth` in rmse() must be numeric; got a categorical (factor). rmse() needs numbers here; for class labels use a class metric such as accuracy() (or a probability metric with the probability columns).
    """
    what_kind = None
    if _as_categorical(x) is not None:
        what_kind = "a categorical (factor)"
    else:
        arr0 = x if isinstance(x, (pd.Series, pd.Index)) else np.asarray(x) if not np.isscalar(x) else None
        if arr0 is not None:
            dtype = arr0.dtype
            if pd.api.types.is_string_dtype(dtype) or dtype == object:
                inferred = pd.api.types.infer_dtype(arr0, skipna=True)
                if inferred not in ("integer", "floating", "mixed-integer-float", "decimal", "boolean", "empty"):
                    what_kind = f"values of kind {inferred!r}"
            elif pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_timedelta64_dtype(dtype):
                what_kind = f"dates or times ({dtype})"
    if what_kind is not None:
        raise InvalidParameterError(
            f"`{what}` in {owner} must be numeric; got {what_kind}. {owner} needs numbers here; for class "
            "labels use a class metric such as accuracy() (or a probability metric with the probability "
            "columns)."
        )
    if isinstance(x, (pd.Series, pd.Index)):
        x = x.to_numpy(dtype=np.float64, na_value=np.nan) if x.dtype.kind not in "fc" else x.to_numpy()
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(
            f"`{what}` in {owner} must be numeric; got values of type {np.asarray(x).dtype}."
        ) from exc
    return arr


def check_options(na_rm: Any, event_level: Any, owner: str) -> None:
    """Validate the arguments every metric shares."""
    check_bool(na_rm, "na_rm", owner)
    check_choice(event_level, "event_level", owner, EVENT_LEVELS)


def missing_mask(*masks: np.ndarray | None) -> np.ndarray | None:
    """Combine "is missing" masks; ``None`` when nothing is missing (the common, fast case)."""
    out = None
    for m in masks:
        if m is None or not m.any():
            continue
        out = m if out is None else (out | m)
    return out


def weights_missing(w: np.ndarray | None) -> np.ndarray | None:
    return None if w is None else np.isnan(w)
