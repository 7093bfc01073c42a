"""mtry(), mtry_long(): tuning parameters (R: dials ``R/param_mtry.R``)."""

from __future__ import annotations

from typing import Any

from .finalize import get_log_p, get_p
from .parameter import QuantParam, Trans, log10_trans, new_quant_param, unknown

__all__ = ["mtry", "mtry_long"]


def mtry(range: tuple[Any, Any] = (1, unknown()), trans: Trans | None = None) -> QuantParam:
    """The number of predictors sampled at each split; the upper bound comes from the data (``get_p``).

    R: ``dials::mtry()``. Integer, range ``(1, unknown())``; finalized by ``get_p``.

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
    >>> mtry().range
    (1, unknown())
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"mtry": "# Randomly Selected Predictors"}, finalize=get_p, owner="mtry()",
    )


def mtry_long(range: tuple[Any, Any] = (0, unknown()), trans: Trans | None = log10_trans) -> QuantParam:
    """``mtry`` on the log-10 scale, for data with very many predictors (``get_log_p``).

    R: ``dials::mtry_long()``. Integer, range ``(0, unknown())`` on the log-10 scale; finalized by ``get_log_p``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, unknown())
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> mtry_long().range
    (0.0, unknown())
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"mtry": "# Randomly Selected Predictors"}, finalize=get_log_p, owner="mtry_long()",
    )
