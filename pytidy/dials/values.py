"""Values of a parameter: sequences, samples, validation, transforms (R: dials ``R/aaa_values.R``)
and the map to and from the unit interval (R: ``R/encode_unit.R``)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._checks import check_bool, check_choice
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from .parameter import QualParam, QuantParam, has_unknowns, is_param

__all__ = [
    "value_seq",
    "value_sample",
    "value_validate",
    "value_transform",
    "value_inverse",
    "value_set",
    "encode_unit",
]

_EPS = float(np.finfo(float).eps)
_XMAX = float(np.finfo(float).max)


def _check_param(param: Any, fn: str) -> None:
    if not is_param(param):
        raise InvalidParameterError(
            f"{fn} needs a dials parameter (e.g. penalty()); got {type(param).__name__}: {param!r}."
        )


def _check_known(param: Any, fn: str) -> None:
    if has_unknowns(param):
        raise InvalidParameterError(
            f"{fn}: the parameter {param.name!r} has an unknown bound {param.range}. "
            "Fill it in with finalize(param, data) or range_set() first."
        )


def _check_n(n: Any, fn: str) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or n < 1:
        raise InvalidParameterError(f"`n` in {fn} must be a whole number >= 1; got {n!r}.")
    return int(n)


def _check_bool(x: Any, name: str, fn: str) -> bool:
    return check_bool(x, name, fn)


def _bounds(param: QuantParam, step: float) -> tuple[float, float]:
    lo, hi = float(param.range[0]), float(param.range[1])
    if not param.inclusive[0]:
        lo += step
    if not param.inclusive[1]:
        hi -= step
    return lo, hi


def _finite(lo: float, hi: float) -> tuple[float, float]:
    return (max(lo, -_XMAX), min(hi, _XMAX))


def value_seq(param: QuantParam | QualParam, n: int, original: bool = True) -> Any:
    """A regular sequence of ``n`` values across the parameter's range (R: ``value_seq``).

    Doubles: ``n`` evenly spaced points on the transformed scale, then the inverse transform.
    Integers: the same points, inverse-transformed, then **floored** and de-duplicated (so fewer than
    ``n`` values may come back). An exclusive bound moves inwards by machine epsilon (doubles) or 1
    (integers). Qualitative: the first ``min(n, len(values))`` values.

    Parameters
    ----------
    param : QuantParam or QualParam
    n : int
        Number of values, >= 1.
    original : bool, default True
        Return values on the original scale (False: the transformed scale).

    Returns
    -------
    numpy.ndarray (quantitative) or list (qualitative)

    Examples
    --------
    >>> from pytidy.dials import tree_depth, penalty, weight_func
    >>> value_seq(tree_depth(), 5).tolist()
    [1, 4, 8, 11, 15]
    >>> value_seq(penalty(), 3).tolist()
    [1e-10, 1e-05, 1.0]
    >>> value_seq(weight_func(), 2)
    ['rectangular', 'triangular']
    """
    fn = "value_seq()"
    _check_param(param, fn)
    original = _check_bool(original, "original", fn)
    if isinstance(param, QualParam):
        n = _check_n(n, fn)
        return list(param.values[: min(n, len(param.values))])
    _check_known(param, fn)
    n = _check_n(n, fn)
    if param.values is not None:
        res = np.asarray(param.values[: min(n, len(param.values))], dtype=float)
    elif param.type == "double":
        lo, hi = _finite(*_bounds(param, _EPS))
        res = np.linspace(lo, hi, n)
    else:
        lo, hi = _bounds(param, 1.0)
        res = np.linspace(lo, hi, n)
    if param.type == "double":
        return value_inverse(param, res) if original else res
    if original:
        res = np.floor(value_inverse(param, res))
        return _unique_keep_order(res).astype(np.int64)
    return _unique_keep_order(res)


def _unique_keep_order(x: np.ndarray) -> np.ndarray:
    _, idx = np.unique(x, return_index=True)
    return x[np.sort(idx)]


def value_sample(
    param: QuantParam | QualParam, n: int, original: bool = True, seed: SeedLike = None
) -> Any:
    """``n`` random values of a parameter (R: ``value_sample``).

    Doubles: uniform on the transformed scale, then inverse. Integers without a transform: uniform
    over the whole numbers in the range. Integers with a transform: uniform on the transformed scale,
    inverse, then floor. Qualitative: drawn with replacement.

    Parameters
    ----------
    param : QuantParam or QualParam
    n : int
    original : bool, default True
    seed : int, numpy Generator or None

    Returns
    -------
    numpy.ndarray (quantitative) or list (qualitative)

    Examples
    --------
    >>> from pytidy.dials import trees
    >>> x = value_sample(trees(), 4, seed=1)
    >>> bool(((x >= 1) & (x <= 2000)).all()), x.dtype.kind
    (True, 'i')
    """
    fn = "value_sample()"
    _check_param(param, fn)
    n = _check_n(n, fn)
    original = _check_bool(original, "original", fn)
    rng = as_rng(seed)
    if isinstance(param, QualParam):
        idx = rng.integers(0, len(param.values), size=n)
        return [param.values[i] for i in idx]
    _check_known(param, fn)
    if param.values is not None:
        vals = np.asarray(param.values)
        res = vals[rng.integers(0, len(vals), size=n)]
        if param.type == "integer":
            return res.astype(np.int64)
        return value_inverse(param, res.astype(float)) if original else res.astype(float)
    if param.type == "integer" and param.trans is None:
        lo, hi = _bounds(param, 1.0)
        return rng.integers(int(lo), int(hi) + 1, size=n).astype(np.int64)
    lo, hi = _bounds(param, _EPS)
    if param.type == "double":
        lo, hi = _finite(lo, hi)
    res = rng.uniform(lo, hi, size=n)
    if not original:
        return res
    res = value_inverse(param, res)
    if param.type == "integer":
        return np.floor(res).astype(np.int64)
    return res


def value_validate(param: QuantParam | QualParam, values: Any) -> np.ndarray:
    """Which ``values`` are valid for the parameter? (R: ``value_validate``).

    Quantitative values are compared with the range on the **transformed** scale, as R does.

    Examples
    --------
    >>> from pytidy.dials import mixture, weight_func
    >>> value_validate(mixture(), [0.5, 2.0]).tolist()
    [True, False]
    >>> value_validate(weight_func(), ["gaussian", "nope"]).tolist()
    [True, False]
    """
    fn = "value_validate()"
    _check_param(param, fn)
    if isinstance(param, QualParam):
        return np.array([v in param.values for v in values], dtype=bool)
    _check_known(param, fn)
    x = np.asarray(values, dtype=float)
    lo, hi = float(param.range[0]), float(param.range[1])
    ok = (x >= lo) if param.inclusive[0] else (x > lo)
    ok &= (x <= hi) if param.inclusive[1] else (x < hi)
    if param.trans is not None:
        with np.errstate(all="ignore"):
            ok &= ~np.isnan(np.asarray(param.trans.inverse(x), dtype=float))
    ok &= ~np.isnan(x)
    return ok


def value_transform(param: QuantParam, values: Any) -> np.ndarray:
    """Values on the original scale mapped to the transformed scale (R: ``value_transform``).

    Examples
    --------
    >>> from pytidy.dials import penalty
    >>> value_transform(penalty(), [0.01, 1.0]).tolist()
    [-2.0, 0.0]
    """
    _check_param(param, "value_transform()")
    x = np.asarray(values, dtype=float)
    trans = getattr(param, "trans", None)
    return x if trans is None else np.asarray(trans.transform(x), dtype=float)


def value_inverse(param: QuantParam, values: Any) -> np.ndarray:
    """Values on the transformed scale mapped back to the original scale (R: ``value_inverse``).

    Examples
    --------
    >>> from pytidy.dials import learn_rate
    >>> value_inverse(learn_rate(), [-2.0]).tolist()
    [0.01]
    """
    _check_param(param, "value_inverse()")
    x = np.asarray(values, dtype=float)
    trans = getattr(param, "trans", None)
    return x if trans is None else np.asarray(trans.inverse(x), dtype=float)


def value_set(param: QuantParam | QualParam, values: Any) -> QuantParam | QualParam:
    """A copy of the parameter restricted to specific ``values`` (R: ``value_set``).

    Examples
    --------
    >>> from pytidy.dials import trees
    >>> value_seq(value_set(trees(), [10, 50, 100]), 5).tolist()
    [10, 50, 100]
    """
    from .parameter import new_qual_param, new_quant_param

    _check_param(param, "value_set()")
    vals = list(values)
    if not vals:
        raise InvalidParameterError("`values` in value_set() must have at least one element.")
    if isinstance(param, QualParam):
        return new_qual_param(param.type, vals, label={param.name: param.label}, finalize=param.finalize,
                              owner="value_set()")
    return new_quant_param(param.type, range=param.range, inclusive=param.inclusive, trans=param.trans,
                           values=vals, label={param.name: param.label}, finalize=param.finalize,
                           owner="value_set()")


def encode_unit(
    param: QuantParam | QualParam, value: Any, direction: str, original: bool = True
) -> np.ndarray | list[Any]:
    """Map values to the unit interval ("forward") or back ("backward") (R: ``encode_unit``).

    Backward, quantitative: ``value * (upper - lower) + lower`` on the transformed scale, then the
    inverse transform if ``original``; integers are then **rounded** (not floored as in
    :func:`value_seq`). Backward, qualitative: ``[0, 1]`` is cut into ``len(values)`` equal bins
    (R: ``cut(..., include.lowest = TRUE)``).

    Examples
    --------
    >>> from pytidy.dials import trees, weight_func
    >>> encode_unit(trees(), [0.0, 0.5, 1.0], "backward").tolist()
    [1, 1000, 2000]
    >>> encode_unit(weight_func(values=["a", "b"]), [0.2, 0.5, 0.7], "backward")
    ['a', 'a', 'b']
    """
    fn = "encode_unit()"
    _check_param(param, fn)
    check_choice(direction, "direction", fn, ["forward", "backward"])
    _check_known(param, fn)
    if isinstance(param, QualParam):
        k = len(param.values)
        if direction == "forward":
            bad = sorted({str(v) for v in value if v not in param.values})
            if bad:
                raise InvalidParameterError(f"{fn}: some values are not in the reference set of values: {bad}.")
            idx = np.array([param.values.index(v) for v in value], dtype=float)
            return idx / (k - 1) if k > 1 else idx
        u = _unit(value, fn)
        breaks = np.linspace(0.0, 1.0, k + 1)
        pos = np.searchsorted(breaks, u, side="left")
        pos = np.clip(pos, 1, k)
        return [param.values[i - 1] for i in pos]
    lo, hi = float(param.range[0]), float(param.range[1])
    width = hi - lo
    x = np.asarray(value, dtype=float)
    if direction == "forward":
        return (x - lo) / width
    x = _unit(value, fn) * width + lo
    if original:
        x = value_inverse(param, x)
        if param.type == "integer":
            return np.round(x).astype(np.int64)
    return x


def _unit(value: Any, fn: str) -> np.ndarray:
    u = np.asarray(value, dtype=float)
    if np.any(u[~np.isnan(u)] < 0) or np.any(u[~np.isnan(u)] > 1):
        raise InvalidParameterError(f"{fn}: values should be on [0, 1]; got min {np.nanmin(u)}, max {np.nanmax(u)}.")
    return u
