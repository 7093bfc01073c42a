"""degree(), degree_int(), spline_degree(), prod_degree(): tuning parameters (R: dials ``R/param_degree.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["degree", "degree_int", "spline_degree", "prod_degree"]


def degree(range: tuple[Any, Any] = (1, 3), trans: Trans | None = None) -> QuantParam:
    """A polynomial degree as a real number (e.g. of a polynomial SVM kernel).

    R: ``dials::degree()``. Double, range ``(1, 3)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 3)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> degree()
    Polynomial Degree (quantitative)
    Range: [1, 3]
    >>> range_get(degree())
    (1.0, 3.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"degree": "Polynomial Degree"}, finalize=None, owner="degree()",
    )


def degree_int(range: tuple[Any, Any] = (1, 3), trans: Trans | None = None) -> QuantParam:
    """A whole-number polynomial degree (e.g. of step_poly).

    R: ``dials::degree_int()``. Integer, range ``(1, 3)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 3)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> degree_int()
    Polynomial Degree (quantitative)
    Range: [1, 3]
    >>> range_get(degree_int())
    (1, 3)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"degree_int": "Polynomial Degree"}, finalize=None, owner="degree_int()",
    )


def spline_degree(range: tuple[Any, Any] = (1, 10), trans: Trans | None = None) -> QuantParam:
    """The degrees of freedom of a spline basis.

    R: ``dials::spline_degree()``. Integer, range ``(1, 10)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 10)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> spline_degree()
    Spline Degrees of Freedom (quantitative)
    Range: [1, 10]
    >>> range_get(spline_degree())
    (1, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"spline_degree": "Spline Degrees of Freedom"}, finalize=None, owner="spline_degree()",
    )


def prod_degree(range: tuple[Any, Any] = (1, 2), trans: Trans | None = None) -> QuantParam:
    """The highest degree of interaction terms (e.g. MARS).

    R: ``dials::prod_degree()``. Integer, range ``(1, 2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> prod_degree()
    Degree of Interaction (quantitative)
    Range: [1, 2]
    >>> range_get(prod_degree())
    (1, 2)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"prod_degree": "Degree of Interaction"}, finalize=None, owner="prod_degree()",
    )
