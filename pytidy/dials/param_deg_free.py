"""deg_free(): tuning parameters (R: dials ``R/param_deg_free.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["deg_free"]


def deg_free(range: tuple[Any, Any] = (1, 5), trans: Trans | None = None) -> QuantParam:
    """Degrees of freedom, e.g. of a spline.

    R: ``dials::deg_free()``. Integer, range ``(1, 5)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> deg_free()
    Degrees of Freedom (quantitative)
    Range: [1, 5]
    >>> range_get(deg_free())
    (1, 5)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"deg_free": "Degrees of Freedom"}, finalize=None, owner="deg_free()",
    )
