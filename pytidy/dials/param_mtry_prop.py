"""mtry_prop(): tuning parameters (R: dials ``R/param_mtry_prop.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["mtry_prop"]


def mtry_prop(range: tuple[Any, Any] = (0.1, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of predictors sampled at each split.

    R: ``dials::mtry_prop()``. Double, range ``(0.1, 1)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.1, 1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> mtry_prop()
    Proportion Randomly Selected Predictors (quantitative)
    Range: [0.1, 1]
    >>> range_get(mtry_prop())
    (0.1, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"mtry_prop": "Proportion Randomly Selected Predictors"}, finalize=None, owner="mtry_prop()",
    )
