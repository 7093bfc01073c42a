"""num_comp(), num_terms(): tuning parameters (R: dials ``R/param_num_comp.R``)."""

from __future__ import annotations

from typing import Any

from .finalize import get_p
from .parameter import QuantParam, Trans, new_quant_param, unknown

__all__ = ["num_comp", "num_terms"]


def num_comp(range: tuple[Any, Any] = (1, unknown()), trans: Trans | None = None) -> QuantParam:
    """The number of components to keep (e.g. PCA); the upper bound comes from the data (``get_p``).

    R: ``dials::num_comp()``. Integer, range ``(1, unknown())``; finalized by ``get_p``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, unknown())
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_comp().range
    (1, unknown())
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_comp": "# Components"}, finalize=get_p, owner="num_comp()",
    )


def num_terms(range: tuple[Any, Any] = (1, unknown()), trans: Trans | None = None) -> QuantParam:
    """The number of model terms; the upper bound comes from the data (``get_p``).

    R: ``dials::num_terms()``. Integer, range ``(1, unknown())``; finalized by ``get_p``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, unknown())
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_terms().range
    (1, unknown())
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_terms": "# Model Terms"}, finalize=get_p, owner="num_terms()",
    )
