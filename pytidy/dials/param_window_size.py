"""window_size(): tuning parameters (R: dials ``R/param_window_size.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["window_size"]


def window_size(range: tuple[Any, Any] = (3, 11), trans: Trans | None = None) -> QuantParam:
    """The width of a moving window (step_window).

    R: ``dials::window_size()``. Integer, range ``(3, 11)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (3, 11)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> window_size()
    Window Size (quantitative)
    Range: [3, 11]
    >>> range_get(window_size())
    (3, 11)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"window_size": "Window Size"}, finalize=None, owner="window_size()",
    )
