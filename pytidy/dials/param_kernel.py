"""rbf_sigma(), scale_factor(): kernel tuning parameters (R: dials ``R/param_kernel.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, log10_trans, new_quant_param, range_get

__all__ = ["rbf_sigma", "scale_factor"]


def rbf_sigma(range: tuple[Any, Any] = (-10, 0), trans: Trans | None = log10_trans) -> QuantParam:
    """The precision ``sigma`` of a radial basis function kernel (``exp(-sigma |x - x'|^2)``).

    R: ``dials::rbf_sigma()``. Double, range ``(-10, 0)`` on the log-10 scale.

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
    >>> rbf_sigma()
    Radial Basis Function sigma (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, 0]
    >>> range_get(rbf_sigma())
    (1e-10, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"rbf_sigma": "Radial Basis Function sigma"}, finalize=None, owner="rbf_sigma()",
    )


def scale_factor(range: tuple[Any, Any] = (-10, -1), trans: Trans | None = log10_trans) -> QuantParam:
    """The scale factor of a polynomial kernel (``(scale_factor <x, x'> + 1) ^ degree``).

    R: ``dials::scale_factor()``. Double, range ``(-10, -1)`` on the log-10 scale.

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
    >>> scale_factor()
    Scale Factor (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, -1]
    >>> range_get(scale_factor())
    (1e-10, 0.1)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"scale_factor": "Scale Factor"}, finalize=None, owner="scale_factor()",
    )
