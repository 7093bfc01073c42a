"""prop_terms(): tuning parameters (R: dials ``R/param_prop_terms.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["prop_terms"]


def prop_terms(range: tuple[Any, Any] = (0.05, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of the top-ranked predictors to keep.

    R: ``dials::prop_terms()``. Double, range ``(0.05, 1)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.05, 1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> prop_terms()
    Proportion of Top Predictors (quantitative)
    Range: [0.05, 1]
    >>> range_get(prop_terms())
    (0.05, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"prop_terms": "Proportion of Top Predictors"}, finalize=None, owner="prop_terms()",
    )
