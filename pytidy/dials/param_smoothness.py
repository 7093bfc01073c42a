"""smoothness(): tuning parameters (R: dials ``R/param_smoothness.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["smoothness"]


def smoothness(range: tuple[Any, Any] = (0.5, 1.5), trans: Trans | None = None) -> QuantParam:
    """The smoothness of a kernel (e.g. naive Bayes).

    R: ``dials::smoothness()``. Double, range ``(0.5, 1.5)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.5, 1.5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> smoothness()
    Kernel Smoothness (quantitative)
    Range: [0.5, 1.5]
    >>> range_get(smoothness())
    (0.5, 1.5)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"smoothness": "Kernel Smoothness"}, finalize=None, owner="smoothness()",
    )
