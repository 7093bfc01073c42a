"""cost(), svm_margin(): tuning parameters (R: dials ``R/param_svm.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, log2_trans, new_quant_param, range_get

__all__ = ["cost", "svm_margin"]


def cost(range: tuple[Any, Any] = (-10, 5), trans: Trans | None = log2_trans) -> QuantParam:
    """The cost of predicting on the wrong side of the margin (SVM).

    R: ``dials::cost()``. Double, range ``(-10, 5)`` on the log-2 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-10, 5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log2_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> cost()
    Cost (quantitative)
    Transformer: log-2 [1e-100, Inf]
    Range (transformed scale): [-10, 5]
    >>> range_get(cost())
    (0.0009765625, 32.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"cost": "Cost"}, finalize=None, owner="cost()",
    )


def svm_margin(range: tuple[Any, Any] = (0, 0.2), trans: Trans | None = None) -> QuantParam:
    """The epsilon of SVM regression. As in R its name (default id) is ``margin``.

    R: ``dials::svm_margin()``. Double, range ``(0, 0.2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 0.2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> svm_margin()
    Insensitivity Margin (quantitative)
    Range: [0, 0.2]
    >>> range_get(svm_margin())
    (0.0, 0.2)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"margin": "Insensitivity Margin"}, finalize=None, owner="svm_margin()",
    )
