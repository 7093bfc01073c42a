"""penalty(): tuning parameters (R: dials ``R/param_penalty.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, log10_trans, new_quant_param, range_get

__all__ = ["penalty"]


def penalty(range: tuple[Any, Any] = (-10, 0), trans: Trans | None = log10_trans) -> QuantParam:
    """The total amount of regularization (e.g. the glmnet lambda).

    R: ``dials::penalty()``. Double, range ``(-10, 0)`` on the log-10 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-10, 0)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> penalty()
    Amount of Regularization (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, 0]
    >>> range_get(penalty())
    (1e-10, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"penalty": "Amount of Regularization"}, finalize=None, owner="penalty()",
    )
