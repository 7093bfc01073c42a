"""learn_rate(): tuning parameters (R: dials ``R/param_learn_rate.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, log10_trans, new_quant_param, range_get

__all__ = ["learn_rate"]


def learn_rate(range: tuple[Any, Any] = (-10, -1), trans: Trans | None = log10_trans) -> QuantParam:
    """The rate at which a boosting or neural network model adapts its weights.

    R: ``dials::learn_rate()``. Double, range ``(-10, -1)`` on the log-10 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-10, -1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> learn_rate()
    Learning Rate (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, -1]
    >>> range_get(learn_rate())
    (1e-10, 0.1)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"learn_rate": "Learning Rate"}, finalize=None, owner="learn_rate()",
    )
