"""rate_initial(), rate_largest(), rate_reduction(), rate_steps(), rate_step_size(), rate_decay(), rate_schedule(): tuning parameters (R: dials ``R/param_schedulers.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, QuantParam, Trans, log10_trans, new_qual_param, new_quant_param, range_get

__all__ = ["rate_initial", "rate_largest", "rate_reduction", "rate_steps", "rate_step_size", "rate_decay", "rate_schedule", "values_scheduler"]


def rate_initial(range: tuple[Any, Any] = (-3, -1), trans: Trans | None = log10_trans) -> QuantParam:
    """The learning rate at the start of a schedule.

    R: ``dials::rate_initial()``. Double, range ``(-3, -1)`` on the log-10 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-3, -1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_initial()
    Initial Learning Rate (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-3, -1]
    >>> range_get(rate_initial())
    (0.001, 0.1)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"rate_initial": "Initial Learning Rate"}, finalize=None, owner="rate_initial()",
    )


def rate_largest(range: tuple[Any, Any] = (-1, -0.5), trans: Trans | None = log10_trans) -> QuantParam:
    """The largest learning rate of a cyclic schedule.

    R: ``dials::rate_largest()``. Double, range ``(-1, -0.5)`` on the log-10 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-1, -0.5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_largest()
    Maximum Learning Rate (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-1, -0.5]
    >>> range_get(rate_largest())
    (0.1, 0.31622776601683794)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"rate_largest": "Maximum Learning Rate"}, finalize=None, owner="rate_largest()",
    )


def rate_reduction(range: tuple[Any, Any] = (0.2, 1), trans: Trans | None = None) -> QuantParam:
    """The factor by which a step schedule reduces the learning rate.

    R: ``dials::rate_reduction()``. Double, range ``(0.2, 1)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.2, 1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_reduction()
    Learning Rate Reduction (quantitative)
    Range: [0.2, 1]
    >>> range_get(rate_reduction())
    (0.2, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"rate_reduction": "Learning Rate Reduction"}, finalize=None, owner="rate_reduction()",
    )


def rate_steps(range: tuple[Any, Any] = (2, 10), trans: Trans | None = None) -> QuantParam:
    """The number of epochs between reductions of a step schedule.

    R: ``dials::rate_steps()``. Integer, range ``(2, 10)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (2, 10)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_steps()
    Epochs Until Reduction (quantitative)
    Range: [2, 10]
    >>> range_get(rate_steps())
    (2, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"rate_steps": "Epochs Until Reduction"}, finalize=None, owner="rate_steps()",
    )


def rate_step_size(range: tuple[Any, Any] = (2, 20), trans: Trans | None = None) -> QuantParam:
    """The half-length of a cyclic learning-rate schedule (TabNet: ``step_size``).

    R: ``dials::rate_step_size()``. Integer, range ``(2, 20)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (2, 20)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_step_size()
    Half-Size of Cycle (quantitative)
    Range: [2, 20]
    >>> range_get(rate_step_size())
    (2, 20)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"rate_step_size": "Half-Size of Cycle"}, finalize=None, owner="rate_step_size()",
    )


def rate_decay(range: tuple[Any, Any] = (0, 2), trans: Trans | None = None) -> QuantParam:
    """The decay of a learning-rate schedule (TabNet: ``lr_decay``).

    R: ``dials::rate_decay()``. Double, range ``(0, 2)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0, 2)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> rate_decay()
    Learning Rate Decay (quantitative)
    Range: [0, 2]
    >>> range_get(rate_decay())
    (0.0, 2.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"rate_decay": "Learning Rate Decay"}, finalize=None, owner="rate_decay()",
    )


values_scheduler: tuple[str, ...] = (
    'none', 'decay_time', 'decay_expo', 'cyclic', 'step'
)


def rate_schedule(values: Sequence[Any] = values_scheduler) -> QualParam:
    """The learning-rate schedule.

    R: ``dials::rate_schedule()``. Qualitative (character).

    Parameters
    ----------
    values : sequence, default values_scheduler
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> rate_schedule().values[:2]
    ('none', 'decay_time')
    """
    return new_qual_param("character", values, label={"rate_schedule": "Learning Rate Scheduler"}, owner="rate_schedule()")
