"""threshold(): tuning parameters (R: dials ``R/param_threshold.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["threshold"]


def threshold(range: tuple[Any, Any] = (0, 1), trans: Trans | None = None) -> QuantParam:
    """A threshold, e.g. the cumulative variance of step_pca or the frequency of step_other.

    R: ``dials::threshold()``. Double, range ``(0, 1)``.

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
    >>> threshold()
    Threshold (quantitative)
    Range: [0, 1]
    >>> range_get(threshold())
    (0.0, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"threshold": "Threshold"}, finalize=None, owner="threshold()",
    )
