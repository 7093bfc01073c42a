"""trim_amount(): tuning parameters (R: dials ``R/param_trim_amount.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["trim_amount"]


def trim_amount(range: tuple[Any, Any] = (0, 0.5), trans: Trans | None = None) -> QuantParam:
    """The fraction trimmed from each end before computing a mean.

    R: ``dials::trim_amount()``. Double, range ``(0, 0.5)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 0.5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> trim_amount()
    Amount of Trimming (quantitative)
    Range: [0, 0.5]
    >>> range_get(trim_amount())
    (0.0, 0.5)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"trim_amount": "Amount of Trimming"}, finalize=None, owner="trim_amount()",
    )
