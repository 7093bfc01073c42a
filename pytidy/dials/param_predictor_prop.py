"""predictor_prop(): tuning parameters (R: dials ``R/param_predictor_prop.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["predictor_prop"]


def predictor_prop(range: tuple[Any, Any] = (0, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of predictors used by a feature extraction; the lower bound 0 is excluded.

    R: ``dials::predictor_prop()``. Double, range ``(0, 1)`` (lower bound excluded).

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
    >>> predictor_prop()
    Proportion of Predictors (quantitative)
    Range: (0, 1]
    >>> range_get(predictor_prop())
    (0.0, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(False, True), trans=trans,
        label={"predictor_prop": "Proportion of Predictors"}, finalize=None, owner="predictor_prop()",
    )
