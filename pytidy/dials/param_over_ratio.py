"""over_ratio(), under_ratio(): tuning parameters (R: dials ``R/param_over_ratio.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["over_ratio", "under_ratio"]


def over_ratio(range: tuple[Any, Any] = (0.8, 1.2), trans: Trans | None = None) -> QuantParam:
    """The ratio of minority to majority frequencies after up-sampling.

    R: ``dials::over_ratio()``. Double, range ``(0.8, 1.2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.8, 1.2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> over_ratio()
    Over-Sampling Ratio (quantitative)
    Range: [0.8, 1.2]
    >>> range_get(over_ratio())
    (0.8, 1.2)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"over_ratio": "Over-Sampling Ratio"}, finalize=None, owner="over_ratio()",
    )


def under_ratio(range: tuple[Any, Any] = (0.8, 1.2), trans: Trans | None = None) -> QuantParam:
    """The ratio of majority to minority frequencies after down-sampling.

    R: ``dials::under_ratio()``. Double, range ``(0.8, 1.2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.8, 1.2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> under_ratio()
    Under-Sampling Ratio (quantitative)
    Range: [0.8, 1.2]
    >>> range_get(under_ratio())
    (0.8, 1.2)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"under_ratio": "Under-Sampling Ratio"}, finalize=None, owner="under_ratio()",
    )
