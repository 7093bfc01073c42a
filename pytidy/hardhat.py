"""The ``tune()`` placeholder (R: ``hardhat::tune()``)."""

from __future__ import annotations

from typing import Any

from attrs import frozen

__all__ = ["tune", "Tune", "is_tune"]


@frozen
class Tune:
    """Marks an argument to be tuned; ``id`` labels it in the parameter set.

    R spells it ``tune()`` or ``tune("label")``; ``id=""`` means "use the argument's name".
    """

    id: str = ""

    def __repr__(self) -> str:
        return f'tune("{self.id}")' if self.id else "tune()"


def tune(id: str = "") -> Tune:
    """Return a placeholder for an argument whose value tuning will choose.

    Parameters
    ----------
    id : str, optional
        A label for the parameter; by default the argument's own name is used.

    Examples
    --------
    >>> tune()
    tune()
    >>> tune("lr")
    tune("lr")
    """
    if not isinstance(id, str):
        from .errors import InvalidParameterError

        raise InvalidParameterError(f"`id` in tune() must be a string; got {id!r}.")
    return Tune(id)


def is_tune(value: Any) -> bool:
    """Is ``value`` a :func:`tune` placeholder?

    Examples
    --------
    >>> is_tune(tune()), is_tune(3)
    (True, False)
    """
    return isinstance(value, Tune)
