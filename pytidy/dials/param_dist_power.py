"""dist_power(): tuning parameters (R: dials ``R/param_dist_power.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["dist_power"]


def dist_power(range: tuple[Any, Any] = (1, 2), trans: Trans | None = None) -> QuantParam:
    """The order of the Minkowski distance (1 = Manhattan, 2 = Euclidean).

    R: ``dials::dist_power()``. Double, range ``(1, 2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> dist_power()
    Minkowski Distance Order (quantitative)
    Range: [1, 2]
    >>> range_get(dist_power())
    (1.0, 2.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"dist_power": "Minkowski Distance Order"}, finalize=None, owner="dist_power()",
    )
