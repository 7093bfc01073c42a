"""num_knots(): tuning parameters (R: dials ``R/param_num_knots.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["num_knots"]


def num_knots(range: tuple[Any, Any] = (0, 5), trans: Trans | None = None) -> QuantParam:
    """The number of interior knots of a spline.

    R: ``dials::num_knots()``. Integer, range ``(0, 5)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_knots()
    Number of knots (quantitative)
    Range: [0, 5]
    >>> range_get(num_knots())
    (0, 5)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_knots": "Number of knots"}, finalize=None, owner="num_knots()",
    )
