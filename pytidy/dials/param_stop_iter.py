"""stop_iter(): tuning parameters (R: dials ``R/param_stop_iter.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["stop_iter"]


def stop_iter(range: tuple[Any, Any] = (3, 20), trans: Trans | None = None) -> QuantParam:
    """The number of iterations without improvement before early stopping.

    R: ``dials::stop_iter()``. Integer, range ``(3, 20)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (3, 20)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> stop_iter()
    # Iterations Before Stopping (quantitative)
    Range: [3, 20]
    >>> range_get(stop_iter())
    (3, 20)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"stop_iter": "# Iterations Before Stopping"}, finalize=None, owner="stop_iter()",
    )
