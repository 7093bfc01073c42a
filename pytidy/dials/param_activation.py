"""activation(): tuning parameters (R: dials ``R/param_activation.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, new_qual_param

__all__ = ["activation", "values_activation"]


values_activation: tuple[str, ...] = (
    'celu', 'elu', 'exponential', 'gelu', 'hardshrink', 'hardsigmoid', 'hardtanh', 'leaky_relu',
    'linear', 'log_sigmoid', 'relu', 'relu6', 'rrelu', 'selu', 'sigmoid', 'silu', 'softmax', 'softplus',
    'softshrink', 'softsign', 'swish', 'tanh', 'tanhshrink'
)


def activation(values: Sequence[Any] = values_activation) -> QualParam:
    """The activation function between network layers.

    R: ``dials::activation()``. Qualitative (character).

    Parameters
    ----------
    values : sequence, default values_activation
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> activation().values[:2]
    ('celu', 'elu')
    """
    return new_qual_param("character", values, label={"activation": "Activation Function"}, owner="activation()")
