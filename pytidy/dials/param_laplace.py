"""Laplace(): the Laplace correction of naive Bayes (R: dials ``R/param_Laplace.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["Laplace"]


def Laplace(range: tuple[Any, Any] = (0, 3), trans: Trans | None = None) -> QuantParam:  # noqa: N802 - R's name
    """The Laplace correction added to the counts of categorical predictors (naive Bayes).

    R: ``dials::Laplace()``. Double, range ``(0, 3)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 3)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> Laplace()
    Laplace Correction (quantitative)
    Range: [0, 3]
    >>> range_get(Laplace())
    (0.0, 3.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"Laplace": "Laplace Correction"}, finalize=None, owner="Laplace()",
    )
