"""Argument checks with one message template each.

Messages say what was wrong, what was expected and how to fix it (scikit-learn's
``_param_validation`` style): "`x` in f() must be ...; got ...".
"""

from __future__ import annotations

import importlib
import numbers
from collections.abc import Iterable
from typing import Any

from .errors import InvalidParameterError, MissingDependencyError


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
            value = int(value)
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
