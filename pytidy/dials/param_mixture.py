"""mixture(): tuning parameters (R: dials ``R/param_mixture.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["mixture"]


def mixture(range: tuple[Any, Any] = (0, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of L1 regularization in an elastic net (1 = lasso, 0 = ridge).

    R: ``dials::mixture()``. Double, range ``(0, 1)``.

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
    >>> mixture()
    Proportion of Lasso Penalty (quantitative)
    Range: [0, 1]
    >>> range_get(mixture())
    (0.0, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"mixture": "Proportion of Lasso Penalty"}, finalize=None, owner="mixture()",
    )
