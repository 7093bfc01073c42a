"""Parameter objects: :class:`QuantParam`, :class:`QualParam`, transforms and ``unknown()``.

R: dials ``R/constructors.R``, ``R/aaa_unknown.R``, ``R/aaa_ranges.R``. A quantitative parameter
stores its ``range`` on the *transformed* scale: ``learn_rate()`` has range ``(-10, -1)`` and a
log-10 transform, so its values run from 1e-10 to 0.1.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from attrs import evolve, field, frozen

from ..errors import InvalidParameterError

__all__ = [
    "QuantParam",
    "QualParam",
    "Trans",
    "Unknown",
    "unknown",
    "is_unknown",
    "has_unknowns",
    "log10_trans",
    "log2_trans",
    "identity_trans",
    "transform_log10",
    "transform_log2",
    "transform_identity",
    "new_quant_param",
    "new_qual_param",
    "range_get",
    "range_set",
    "is_param",
]


# --------------------------------------------------------------------------- unknown()


class Unknown:
    """The placeholder for a bound that :func:`finalize` fills in from data (R: ``unknown()``)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "unknown()"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Unknown, ())


def unknown() -> Unknown:
    """A bound that is not known until the data are seen (R: ``dials::unknown()``).

    Examples
    --------
    >>> unknown()
    unknown()
    >>> is_unknown(unknown()), is_unknown(3)
    (True, False)
    """
    return Unknown()


def is_unknown(x: Any) -> bool:
    """Is ``x`` the :func:`unknown` placeholder?

    Examples
    --------
    >>> is_unknown(unknown())
    True
    """
    return isinstance(x, Unknown)


def has_unknowns(param: Any) -> bool:
    """Does a parameter still have an unknown bound? (R: ``has_unknowns``; None has none).

    Examples
    --------
    >>> from pytidy.dials import mtry, penalty
    >>> has_unknowns(mtry()), has_unknowns(penalty())
    (True, False)
    """
    if isinstance(param, QuantParam):
        return any(is_unknown(b) for b in param.range)
    return False


def is_param(x: Any) -> bool:
    """Is ``x`` a dials parameter (quantitative or qualitative)?

    Examples
    --------
    >>> from pytidy.dials import penalty
    >>> is_param(penalty()), is_param("penalty")
    (True, False)
    """
    return isinstance(x, (QuantParam, QualParam))


# --------------------------------------------------------------------------- transforms


def _log10(x: Any) -> Any:
    return np.log10(x)


def _exp10(x: Any) -> Any:
    return np.power(10.0, x)


def _log2(x: Any) -> Any:
    return np.log2(x)


def _exp2(x: Any) -> Any:
    return np.power(2.0, x)


def _ident(x: Any) -> Any:
    return x


@frozen
class Trans:
    """A transformation between the original and the transformed scale (R: ``scales::trans_new``).

    Parameters
    ----------
    name : str
        Printed name, e.g. ``"log-10"``.
    transform, inverse : callable
        Vectorised functions; ``inverse(transform(x)) == x``.
    domain : tuple of float
        Values allowed on the original scale (shown when printed).

    Examples
    --------
    >>> float(log10_trans.transform(100.0)), float(log10_trans.inverse(-1.0))
    (2.0, 0.1)
    """

    name: str
    transform: Callable[[Any], Any]
    inverse: Callable[[Any], Any]
    domain: tuple[float, float] = (-math.inf, math.inf)

    def __repr__(self) -> str:
        lo, hi = (_r_format(v) for v in self.domain)
        return f"Transformer: {self.name} [{lo}, {hi}]"


log10_trans = Trans("log-10", _log10, _exp10, (1e-100, math.inf))
log2_trans = Trans("log-2", _log2, _exp2, (1e-100, math.inf))
identity_trans = Trans("identity", _ident, _ident)


def transform_log10() -> Trans:
    """The log-10 transform (R: ``scales::transform_log10()``).

    Examples
    --------
    >>> transform_log10()
    Transformer: log-10 [1e-100, Inf]
    """
    return log10_trans


def transform_log2() -> Trans:
    """The log-2 transform (R: ``scales::transform_log2()``).

    Examples
    --------
    >>> transform_log2().name
    'log-2'
    """
    return log2_trans


def transform_identity() -> Trans:
    """The identity transform (R: ``scales::transform_identity()``).

    Examples
    --------
    >>> transform_identity().transform(3)
    3
    """
    return identity_trans


# --------------------------------------------------------------------------- formatting


def _r_format(v: Any, digits: int = 3) -> str:
    """Format a number as R's ``format(v, digits = 3)`` does (fixed unless scientific is shorter)."""
    if is_unknown(v):
        return "?"
    if isinstance(v, (bool, np.bool_)):
        return "TRUE" if v else "FALSE"
    v = float(v)
    if math.isnan(v):
        return "NA"
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    if v == 0:
        return "0"
    sci = f"{v:.{digits - 1}e}"
    mant, exp = sci.split("e")
    mant = mant.rstrip("0").rstrip(".")
    e = int(exp)
    sci_txt = f"{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"
    decimals = max(0, digits - 1 - e)
    fixed = f"{round(v, decimals):.{decimals}f}"
    if "." in fixed:
        fixed = fixed.rstrip("0").rstrip(".")
    return fixed if len(fixed) <= len(sci_txt) else sci_txt


def _fmt_label(label: str | None, kind: str) -> str:
    return f"{label} ({kind})" if label else f"{kind.capitalize()} Parameter"


# --------------------------------------------------------------------------- classes


@frozen
class QuantParam:
    """A quantitative tuning parameter (R: ``new_quant_param``, class ``quant_param``).

    Build one with a constructor such as :func:`~pytidy.dials.learn_rate` or with
    :func:`new_quant_param`, which checks the arguments.

    Attributes
    ----------
    type : {"double", "integer"}
    range : tuple
        ``(lower, upper)`` on the transformed scale; a bound may be :func:`unknown`.
    inclusive : tuple of bool
        Whether each bound is part of the range.
    trans : Trans or None
    label : str
        Printed label, e.g. ``"Learning Rate"``.
    name : str
        The parameter's name, the default id in a set (R: ``names(label)``).
    finalize : callable or None
        ``finalize(param, x) -> param`` filling unknown bounds from data (e.g. :func:`get_p`).
    values : tuple or None
        A fixed set of values to use instead of the range (R: ``values``).

    Examples
    --------
    >>> from pytidy.dials import learn_rate
    >>> learn_rate()
    Learning Rate (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, -1]
    """

    type: str
    range: tuple[Any, Any]
    inclusive: tuple[bool, bool] = (True, True)
    trans: Trans | None = None
    label: str = "Unlabeled parameter"
    name: str = "Unlabeled parameter"
    finalize: Callable[..., Any] | None = field(default=None, eq=False)
    values: tuple[Any, ...] | None = None

    def __repr__(self) -> str:
        lines = [_fmt_label(self.label, "quantitative")]
        if self.trans is not None:
            lines.append(repr(self.trans))
        head = "Range (transformed scale): " if self.trans is not None else "Range: "
        lo, hi = (_r_format(v) for v in self.range)
        b = ("[" if self.inclusive[0] else "(", "]" if self.inclusive[1] else ")")
        lines.append(f"{head}{b[0]}{lo}, {hi}{b[1]}")
        if self.values is not None:
            lines.append(f"Values: {len(self.values)}")
        return "\n".join(lines)


@frozen
class QualParam:
    """A qualitative tuning parameter (R: ``new_qual_param``, class ``qual_param``).

    Attributes
    ----------
    type : {"character", "logical"}
    values : tuple
        The possible values, in order; the first is the :attr:`default`.
    label, name : str
    finalize : callable or None

    Examples
    --------
    >>> from pytidy.dials import weight_func
    >>> weight_func().values[:3]
    ('rectangular', 'triangular', 'epanechnikov')
    """

    type: str
    values: tuple[Any, ...]
    label: str = "Unlabeled parameter"
    name: str = "Unlabeled parameter"
    finalize: Callable[..., Any] | None = field(default=None, eq=False)

    @property
    def default(self) -> Any:
        """The first value (R's deprecated ``default`` was the first value too)."""
        return self.values[0]

    def __repr__(self) -> str:
        n = len(self.values)
        lv = [f"'{v}'" if self.type == "character" else ("TRUE" if v else "FALSE") for v in self.values]
        listed = lv[0] if n == 1 else (", ".join(lv[:-1]) + (", and " if n > 2 else " and ") + lv[-1])
        return "\n".join(
            [_fmt_label(self.label, "qualitative"), f"{n} possible value{'s' if n != 1 else ''} include:", listed]
        )


# --------------------------------------------------------------------------- checks and constructors


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def _check_range(range: Any, type: str, trans: Any, owner: str) -> tuple[Any, Any]:
    """Validate ``range`` (2 numbers or unknown(), lower <= upper) and coerce integer bounds."""
    if isinstance(range, (str, bytes, Mapping)) or not isinstance(range, (Sequence, np.ndarray)):
        raise InvalidParameterError(
            f"`range` in {owner} must be a pair (lower, upper) of numbers or unknown(); got {range!r}."
        )
    rng = list(range)
    if len(rng) != 2:
        raise InvalidParameterError(
            f"`range` in {owner} must have 2 elements (lower, upper), not {len(rng)}; got {range!r}."
        )
    for b in rng:
        if is_unknown(b):
            continue
        if not _is_number(b) or math.isnan(float(b)):
            raise InvalidParameterError(
                f"`range` in {owner} must hold numbers (or unknown()); got {b!r} in {range!r}."
            )
    lo, hi = rng
    if not is_unknown(lo) and not is_unknown(hi) and lo > hi:
        raise InvalidParameterError(
            f"The `range` lower bound ({lo}) in {owner} must not exceed the upper bound ({hi})."
        )
    out = []
    for b in rng:
        if is_unknown(b):
            out.append(b)
        elif type == "integer" and trans is None and not math.isinf(float(b)):
            if abs(float(b) - round(float(b))) >= np.finfo(float).eps ** 0.5:
                raise InvalidParameterError(
                    f"`range` in {owner} needs whole numbers for an integer parameter; got {b!r}."
                )
            out.append(int(round(float(b))))
        else:
            out.append(float(b))
    return (out[0], out[1])


def _label_and_name(label: Any, owner: str) -> tuple[str, str]:
    if label is None:
        return "Unlabeled parameter", "Unlabeled parameter"
    if isinstance(label, Mapping):
        if len(label) != 1:
            raise InvalidParameterError(
                f"`label` in {owner} must be a string or a one-item dict {{name: label}}; got {label!r}."
            )
        ((name, text),) = label.items()
        if not isinstance(name, str) or not isinstance(text, str):
            raise InvalidParameterError(f"`label` in {owner} must map a string name to a string; got {label!r}.")
        return text, name
    if not isinstance(label, str):
        raise InvalidParameterError(f"`label` in {owner} must be a string or a one-item dict; got {label!r}.")
    return label, label


def new_quant_param(
    type: str,
    range: Any = None,
    inclusive: Any = (True, True),
    trans: Trans | None = None,
    values: Any = None,
    label: str | Mapping[str, str] | None = None,
    finalize: Callable[..., Any] | None = None,
    *,
    owner: str = "new_quant_param()",
) -> QuantParam:
    """Create a quantitative parameter, checking every argument (R: ``new_quant_param``).

    Parameters
    ----------
    type : {"double", "integer"}
    range : pair of numbers or unknown()
        ``(lower, upper)`` on the transformed scale; ``lower <= upper``.
    inclusive : pair of bool, default (True, True)
    trans : Trans, optional
        E.g. :data:`log10_trans`.
    values : sequence of numbers, optional
        Specific values to use (the range defaults to their min and max).
    label : str or dict, optional
        ``{"name": "Label"}`` as R's named label, or a plain label used as the name too.
    finalize : callable, optional
        ``f(param, x) -> param`` (e.g. :func:`get_p`).

    Returns
    -------
    QuantParam

    Raises
    ------
    InvalidParameterError
        When an argument is malformed, e.g. a range that is not two ordered numbers.

    Examples
    --------
    >>> p = new_quant_param("integer", range=(1, 5), label={"my_param": "My Param"})
    >>> p
    My Param (quantitative)
    Range: [1, 5]
    >>> p.name
    'my_param'
    """
    if type not in ("double", "integer"):
        raise InvalidParameterError(f"`type` in {owner} must be one of 'double' or 'integer'; got {type!r}.")
    if values is not None:
        vals = list(np.asarray(values).tolist()) if isinstance(values, np.ndarray) else list(values)
        if not vals:
            raise InvalidParameterError(f"`values` in {owner} can't be empty.")
        if not all(_is_number(v) and not math.isnan(float(v)) for v in vals):
            raise InvalidParameterError(f"`values` in {owner} must be numbers without NaN; got {values!r}.")
        if len(set(vals)) != len(vals):
            raise InvalidParameterError(f"`values` in {owner} can't contain duplicate values; got {values!r}.")
        if type == "integer" and any(abs(v - round(v)) >= np.finfo(float).eps ** 0.5 for v in vals):
            raise InvalidParameterError(
                f"`values` in {owner} must contain whole numbers for integer parameters; got {values!r}."
            )
        if range is None:
            range = (min(vals), max(vals))
    if range is None:
        raise InvalidParameterError(f"`range` in {owner} must be supplied when `values` is None.")
    if trans is not None and not isinstance(trans, Trans):
        raise InvalidParameterError(
            f"`trans` in {owner} must be a Trans object (e.g. log10_trans) or None; got {trans!r}."
        )
    rng = _check_range(range, type, trans, owner)
    if (
        isinstance(inclusive, (str, bytes))
        or not isinstance(inclusive, (Sequence, np.ndarray))
        or len(inclusive) != 2
        or not all(isinstance(b, (bool, np.bool_)) for b in inclusive)
    ):
        raise InvalidParameterError(f"`inclusive` in {owner} must be a pair of booleans; got {inclusive!r}.")
    inc = (bool(inclusive[0]), bool(inclusive[1]))
    if type == "integer" and not any(is_unknown(b) for b in rng) and rng[0] + 1 == rng[1] and not all(inc):
        raise InvalidParameterError(
            f"`inclusive` in {owner} must be (True, True) when the `range` only covers two consecutive values."
        )
    if finalize is not None and not callable(finalize):
        raise InvalidParameterError(f"`finalize` in {owner} must be a function or None; got {finalize!r}.")
    text, name = _label_and_name(label, owner)
    out = QuantParam(type=type, range=rng, inclusive=inc, trans=trans, label=text, name=name, finalize=finalize)
    if values is not None:
        from .values import value_validate

        ok = value_validate(out, vals)
        if not all(ok):
            bad = [v for v, k in zip(vals, ok) if not k]
            raise InvalidParameterError(f"Some `values` in {owner} are not valid for the range {rng}: {bad}.")
        out = evolve(out, values=tuple(int(v) if type == "integer" else float(v) for v in vals))
    return out


def new_qual_param(
    type: str,
    values: Any,
    label: str | Mapping[str, str] | None = None,
    finalize: Callable[..., Any] | None = None,
    *,
    owner: str = "new_qual_param()",
) -> QualParam:
    """Create a qualitative parameter (R: ``new_qual_param``).

    Parameters
    ----------
    type : {"character", "logical"}
    values : sequence of str or bool
        The possible values, in order.
    label : str or dict, optional
    finalize : callable, optional

    Returns
    -------
    QualParam

    Examples
    --------
    >>> new_qual_param("character", ["a", "b"], label={"letter": "Letter"})
    Letter (qualitative)
    2 possible values include:
    'a' and 'b'
    """
    if type not in ("character", "logical"):
        raise InvalidParameterError(f"`type` in {owner} must be one of 'character' or 'logical'; got {type!r}.")
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)) or len(values) == 0:
        raise InvalidParameterError(f"`values` in {owner} must be a non-empty sequence; got {values!r}.")
    vals = list(values)
    want = str if type == "character" else (bool, np.bool_)
    if not all(isinstance(v, want) for v in vals):
        kind = "strings" if type == "character" else "booleans"
        raise InvalidParameterError(f"`values` in {owner} must be {kind} for type {type!r}; got {values!r}.")
    if finalize is not None and not callable(finalize):
        raise InvalidParameterError(f"`finalize` in {owner} must be a function or None; got {finalize!r}.")
    text, name = _label_and_name(label, owner)
    vals = [bool(v) for v in vals] if type == "logical" else [str(v) for v in vals]
    return QualParam(type=type, values=tuple(vals), label=text, name=name, finalize=finalize)


def _check_quant(param: Any, fn: str) -> QuantParam:
    if not isinstance(param, QuantParam):
        raise InvalidParameterError(
            f"{fn} needs a quantitative parameter (QuantParam); got {type(param).__name__}."
        )
    return param


def range_get(param: QuantParam, original: bool = True) -> tuple[Any, Any]:
    """The bounds of a quantitative parameter, on the original scale by default (R: ``range_get``).

    Examples
    --------
    >>> from pytidy.dials import learn_rate
    >>> range_get(learn_rate())
    (1e-10, 0.1)
    >>> range_get(learn_rate(), original=False)
    (-10.0, -1.0)
    """
    _check_quant(param, "range_get()")
    if original and param.trans is not None:
        return tuple(b if is_unknown(b) else float(param.trans.inverse(b)) for b in param.range)  # type: ignore
    return param.range


def range_set(param: QuantParam, range: Any) -> QuantParam:
    """A copy of ``param`` with new bounds on the transformed scale (R: ``range_set``).

    Examples
    --------
    >>> from pytidy.dials import mtry
    >>> range_set(mtry(), (1, 8)).range
    (1, 8)
    """
    _check_quant(param, "range_set()")
    rng = _check_range(range, param.type, param.trans, "range_set()")
    return evolve(param, range=rng)
