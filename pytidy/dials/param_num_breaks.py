"""num_breaks(): tuning parameters (R: dials ``R/param_num_breaks.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["num_breaks"]


def num_breaks(range: tuple[Any, Any] = (2, 10), trans: Trans | None = None) -> QuantParam:
    """The number of bins of step_discretize.

    R: ``dials::num_breaks()``. Integer, range ``(2, 10)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (2, 10)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_breaks()
    Number of Cut Points (quantitative)
    Range: [2, 10]
    >>> range_get(num_breaks())
    (2, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_breaks": "Number of Cut Points"}, finalize=None, owner="num_breaks()",
    )
