"""Typed attrs converters.

``field(converter=tuple)`` hides the accepted argument type from type checkers (the attrs mypy
plugin cannot solve the builtin's type variable), so every call site fails to type-check. These
functions do exactly what the builtins do, with a concrete signature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["as_tuple", "as_list", "as_dict"]


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """``tuple(values)``.

    Examples
    --------
    >>> as_tuple(["a", "b"])
    ('a', 'b')
    """
    return tuple(values)


def as_list(values: Iterable[Any]) -> list[Any]:
    """``list(values)``.

    Examples
    --------
    >>> as_list(("a", "b"))
    ['a', 'b']
    """
    return list(values)


def as_dict(mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """``dict(mapping)`` (a shallow copy).

    Examples
    --------
    >>> as_dict({"a": 1})
    {'a': 1}
    """
    return dict(mapping)
