"""freq_cut(), unique_cut(): tuning parameters (R: dials ``R/param_nzv.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["freq_cut", "unique_cut"]


def freq_cut(range: tuple[Any, Any] = (5, 25), trans: Trans | None = None) -> QuantParam:
    """The ratio of the most to the second most common value of step_nzv.

    R: ``dials::freq_cut()``. Double, range ``(5, 25)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (5, 25)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> freq_cut()
    Frequency Distribution Ratio (quantitative)
    Range: [5, 25]
    >>> range_get(freq_cut())
    (5.0, 25.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"freq_cut": "Frequency Distribution Ratio"}, finalize=None, owner="freq_cut()",
    )


def unique_cut(range: tuple[Any, Any] = (0, 100), trans: Trans | None = None) -> QuantParam:
    """The percentage of distinct values of step_nzv.

    R: ``dials::unique_cut()``. Double, range ``(0, 100)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 100)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> unique_cut()
    % Unique Values (quantitative)
    Range: [0, 100]
    >>> range_get(unique_cut())
    (0.0, 100.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"unique_cut": "% Unique Values"}, finalize=None, owner="unique_cut()",
    )
