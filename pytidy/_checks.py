"""Argument checks with one message template each.

Messages say what was wrong, what was expected and how to fix it (scikit-learn's
``_param_validation`` style): "`x` in f() must be ...; got ...".

Two forms of each check:

- ``check_bool / check_number / check_int / check_choice(value, name, owner, ...)`` check one
  value where a function receives it;
- ``is_bool() / is_number() / is_int() / is_choice()`` return attrs validators, so a class
  constructed directly (``StepNormalize(na_rm="yes")``) raises the same message as its
  constructor function. The owner named in the message is the R-style function: the class's
  ``name`` class variable (``"step_normalize"`` gives ``step_normalize()``), or ``owner=``.
"""

from __future__ import annotations

import importlib
import numbers
from collections.abc import Iterable
from collections.abc import Callable
from typing import Any

import numpy as np

from .errors import InvalidParameterError, MissingDependencyError

__all__ = [
    "check_bool",
    "check_number",
    "check_int",
    "check_choice",
    "check_columns",
    "require",
    "is_bool",
    "is_number",
    "is_int",
    "is_choice",
]


def check_bool(value: Any, name: str, owner: str, *, allow_none: bool = False) -> Any:
    """Return ``value`` as a Python bool if it is ``True``/``False`` (``np.bool_`` included); raise otherwise.

    R's ``check_bool()`` (rlang) accepts a single ``TRUE``/``FALSE``; numbers and strings such as
    ``"yes"`` are refused rather than coerced.

    Examples
    --------
    >>> import numpy as np
    >>> check_bool(np.bool_(True), "na_rm", "step_normalize()")
    True
    >>> check_bool("yes", "na_rm", "step_normalize()")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `na_rm` in step_normalize() must be True or False; got 'yes'.
    """
    if value is None and allow_none:
        return None
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    return bool(value)


def check_number(
    value: Any,
    name: str,
    owner: str,
    *,
    lower: float | None = None,
    upper: float | None = None,
    integer: bool = False,
    allow_none: bool = False,
    inclusive: tuple[bool, bool] = (True, True),
) -> Any:
    """Return ``value`` if it is a number in ``[lower, upper]``; raise otherwise.

    Examples
    --------
    >>> check_number(3, "v", "vfold_cv()", lower=2, integer=True)
    3
    """
    if value is None and allow_none:
        return value
    kind = "a whole number" if integer else "a number"
    ok_type = isinstance(value, numbers.Integral if integer else numbers.Real) and not isinstance(value, bool)
    if integer and not ok_type and isinstance(value, numbers.Real) and not isinstance(value, bool):
        ok_type = float(value).is_integer()
        if ok_type:
            value = int(float(value))
    bounds = ""
    if lower is not None or upper is not None:
        lo = "(-inf" if lower is None else ("[" if inclusive[0] else "(") + f"{lower:g}"
        hi = "inf)" if upper is None else f"{upper:g}" + ("]" if inclusive[1] else ")")
        bounds = f" in {lo}, {hi}"
    ok = ok_type and value == value  # NaN fails
    if ok and lower is not None:
        ok = value >= lower if inclusive[0] else value > lower
    if ok and upper is not None:
        ok = value <= upper if inclusive[1] else value < upper
    if not ok:
        raise InvalidParameterError(f"`{name}` in {owner} must be {kind}{bounds}; got {value!r}.")
    return value


def check_int(
    value: Any,
    name: str,
    owner: str,
    *,
    lower: float | None = None,
    upper: float | None = None,
    allow_none: bool = False,
) -> Any:
    """Return ``value`` as an int if it is a whole number in ``[lower, upper]``; raise otherwise.

    ``3.0`` is accepted and returned as ``3`` (R's integerish check); ``True`` is refused.

    Examples
    --------
    >>> check_int(3.0, "degree", "step_poly()", lower=1)
    3
    """
    return check_number(value, name, owner, lower=lower, upper=upper, integer=True, allow_none=allow_none)


def check_choice(value: Any, name: str, owner: str, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``; raise a message listing them otherwise.

    Examples
    --------
    >>> check_choice("binary", "estimator", "accuracy()", ["binary", "macro"])
    'binary'
    """
    choices = list(choices)
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise InvalidParameterError(f"`{name}` in {owner} must be one of {listed}; got {value!r}.")
    return value


def check_columns(data: Any, columns: Iterable[str], owner: str, *, what: str = "data") -> None:
    """Raise naming every column of ``columns`` that ``data`` lacks."""
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise InvalidParameterError(
            f"{owner}: {what} lacks the column(s) {missing}. "
            f"Available columns: {list(data.columns)[:20]}{' ...' if data.shape[1] > 20 else ''}."
        )


def require(module: str, extra: str, feature: str) -> Any:
    """Import an optional dependency or raise :class:`MissingDependencyError` naming its extra.

    Examples
    --------
    >>> require("numpy", "core", "arrays").__name__
    'numpy'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError(
            f"{feature} needs the optional package {module!r}, which is not installed. "
            f"Install it with: pip install 'pytidymodels[{extra}]'"
        ) from exc


# ---------------------------------------------------------------------------------------------
# attrs validators: the same checks, run by the class itself


def _owner_of(instance: Any, owner: str | None) -> str:
    if owner is not None:
        return owner
    name = getattr(type(instance), "name", None)
    if isinstance(name, str) and name:
        return f"{name}()"
    return f"{type(instance).__name__}()"


def _is_tune(value: Any) -> bool:
    from .hardhat import is_tune  # hardhat is a leaf module (attrs only)

    return is_tune(value)


Validator = Callable[[Any, Any, Any], None]


def is_bool(*, owner: str | None = None, allow_none: bool = False) -> Validator:
    """An attrs validator running :func:`check_bool` on the field.

    Examples
    --------
    >>> from attrs import field, frozen
    >>> @frozen
    ... class Thing:
    ...     name = "thing"
    ...     flag: bool = field(default=False, validator=is_bool())
    >>> Thing(flag="no")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `flag` in thing() must be True or False; got 'no'.
    """

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        check_bool(value, attribute.name, _owner_of(instance, owner), allow_none=allow_none)

    return validate


def is_number(
    *,
    lower: float | None = None,
    upper: float | None = None,
    inclusive: tuple[bool, bool] = (True, True),
    allow_none: bool = False,
    allow_tune: bool = True,
    owner: str | None = None,
) -> Validator:
    """An attrs validator running :func:`check_number`; a ``tune()`` placeholder passes when ``allow_tune``.

    Examples
    --------
    >>> from attrs import field, frozen
    >>> @frozen
    ... class Thing:
    ...     name = "thing"
    ...     threshold: float = field(default=0.5, validator=is_number(lower=0, upper=1))
    >>> Thing(threshold=2)
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `threshold` in thing() must be a number in [0, 1]; got 2.
    """

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if allow_tune and _is_tune(value):
            return
        check_number(value, attribute.name, _owner_of(instance, owner), lower=lower, upper=upper,
                     inclusive=inclusive, allow_none=allow_none)

    return validate


def is_int(
    *,
    lower: float | None = None,
    upper: float | None = None,
    allow_none: bool = False,
    allow_tune: bool = True,
    owner: str | None = None,
) -> Validator:
    """An attrs validator running :func:`check_int`; a ``tune()`` placeholder passes when ``allow_tune``.

    Examples
    --------
    >>> from attrs import field, frozen
    >>> @frozen
    ... class Thing:
    ...     name = "thing"
    ...     degree: int = field(default=2, validator=is_int(lower=1))
    >>> Thing(degree=1.5)
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `degree` in thing() must be a whole number in [1, inf); got 1.5.
    """

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if allow_tune and _is_tune(value):
            return
        check_number(value, attribute.name, _owner_of(instance, owner), lower=lower, upper=upper,
                     integer=True, allow_none=allow_none)

    return validate


def is_choice(choices: Iterable[Any], *, owner: str | None = None) -> Validator:
    """An attrs validator running :func:`check_choice`.

    Examples
    --------
    >>> from attrs import field, frozen
    >>> @frozen
    ... class Thing:
    ...     name = "thing"
    ...     method: str = field(default="a", validator=is_choice(["a", "b"]))
    >>> Thing(method="c")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: `method` in thing() must be one of 'a', 'b'; got 'c'.
    """
    choices = tuple(choices)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        check_choice(value, attribute.name, _owner_of(instance, owner), choices)

    return validate
