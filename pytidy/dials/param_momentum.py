"""momentum(): tuning parameters (R: dials ``R/param_momentum.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["momentum"]


def momentum(range: tuple[Any, Any] = (0, 1), trans: Trans | None = None) -> QuantParam:
    """The momentum of gradient descent.

    R: ``dials::momentum()``. Double, range ``(0, 1)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> momentum()
    Gradient Descent Momentum (quantitative)
    Range: [0, 1]
    >>> range_get(momentum())
    (0.0, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"momentum": "Gradient Descent Momentum"}, finalize=None, owner="momentum()",
    )
