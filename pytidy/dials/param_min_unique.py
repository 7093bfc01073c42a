"""min_unique(): tuning parameters (R: dials ``R/param_min_unique.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["min_unique"]


def min_unique(range: tuple[Any, Any] = (5, 15), trans: Trans | None = None) -> QuantParam:
    """The fewest unique values per bin of step_discretize.

    R: ``dials::min_unique()``. Integer, range ``(5, 15)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (5, 15)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> min_unique()
    Unique Value Threshold (quantitative)
    Range: [5, 15]
    >>> range_get(min_unique())
    (5, 15)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"min_unique": "Unique Value Threshold"}, finalize=None, owner="min_unique()",
    )
