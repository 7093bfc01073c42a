"""dropout(), epochs(), hidden_units(), batch_size(): tuning parameters (R: dials ``R/param_network.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, log2_trans, new_quant_param, range_get

__all__ = ["dropout", "epochs", "hidden_units", "batch_size"]


def dropout(range: tuple[Any, Any] = (0, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of units dropped during training; the upper bound 1 is excluded.

    R: ``dials::dropout()``. Double, range ``(0, 1)`` (upper bound excluded).

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
    >>> dropout()
    Dropout Rate (quantitative)
    Range: [0, 1)
    >>> range_get(dropout())
    (0.0, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, False), trans=trans,
        label={"dropout": "Dropout Rate"}, finalize=None, owner="dropout()",
    )


def epochs(range: tuple[Any, Any] = (10, 1000), trans: Trans | None = None) -> QuantParam:
    """The number of training iterations over the data.

    R: ``dials::epochs()``. Integer, range ``(10, 1000)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (10, 1000)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> epochs()
    # Epochs (quantitative)
    Range: [10, 1000]
    >>> range_get(epochs())
    (10, 1000)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"epochs": "# Epochs"}, finalize=None, owner="epochs()",
    )


def hidden_units(range: tuple[Any, Any] = (1, 10), trans: Trans | None = None) -> QuantParam:
    """The number of units in a hidden layer.

    R: ``dials::hidden_units()``. Integer, range ``(1, 10)``.

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
    >>> hidden_units()
    # Hidden Units (quantitative)
    Range: [1, 10]
    >>> range_get(hidden_units())
    (1, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"hidden_units": "# Hidden Units"}, finalize=None, owner="hidden_units()",
    )


def batch_size(range: tuple[Any, Any] = (2, 7), trans: Trans | None = log2_trans) -> QuantParam:
    """The number of rows per gradient step, on the log-2 scale (4 to 128 by default; fixed since dials 1.4.2).

    R: ``dials::batch_size()``. Integer, range ``(2, 7)`` on the log-2 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (2, 7)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log2_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> batch_size()
    Batch Size (quantitative)
    Transformer: log-2 [1e-100, Inf]
    Range (transformed scale): [2, 7]
    >>> range_get(batch_size())
    (4.0, 128.0)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"batch_size": "Batch Size"}, finalize=None, owner="batch_size()",
    )
