"""TabNet's own tuning parameters (R: mlverse/tabnet ``R/dials.R``).

``decision_width()``, ``attention_width()``, ``num_steps()``, ``feature_reusage()``,
``num_independent()``, ``num_shared()``, ``mask_type()`` keep R's names and ranges.

R's tabnet also exports a ``momentum()`` (batch-normalisation momentum, 0.01 to 0.4) that masks
``dials::momentum()`` (gradient-descent momentum, 0 to 1). pytidy has one flat namespace, so the
TabNet version is called :func:`tabnet_momentum`; ``pytidy.momentum`` stays the dials one. The
tabnet model's tunable ``momentum`` argument uses :func:`tabnet_momentum` (R's parsnip registration
points at ``dials::momentum``, an inconsistency pytidy does not copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...dials.parameter import QualParam, QuantParam, Trans, new_qual_param, new_quant_param
from ...dials.parameter import range_get  # noqa: F401 - used in the doctests

__all__ = [
    "decision_width",
    "attention_width",
    "num_steps",
    "feature_reusage",
    "num_independent",
    "num_shared",
    "mask_type",
    "tabnet_momentum",
]


def decision_width(range: tuple[Any, Any] = (8, 64), trans: Trans | None = None) -> QuantParam:
    """Width of the decision prediction layer, ``n_d`` (R: ``tabnet::decision_width()``).

    Parameters
    ----------
    range : pair of whole numbers, default (8, 64)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> decision_width(range=(20, 40))
    Width of the decision prediction layer (quantitative)
    Range: [20, 40]
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"decision_width": "Width of the decision prediction layer"}, owner="decision_width()",
    )


def attention_width(range: tuple[Any, Any] = (8, 64), trans: Trans | None = None) -> QuantParam:
    """Width of the attention embedding for each mask, ``n_a`` (R: ``tabnet::attention_width()``).

    Parameters
    ----------
    range : pair of whole numbers, default (8, 64)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> attention_width().range
    (8, 64)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"attention_width": "Width of the attention embedding for each mask"}, owner="attention_width()",
    )


def num_steps(range: tuple[Any, Any] = (3, 10), trans: Trans | None = None) -> QuantParam:
    """Number of decision steps in the architecture (R: ``tabnet::num_steps()``).

    Parameters
    ----------
    range : pair of whole numbers, default (3, 10)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_steps(range=(4, 6)).range
    (4, 6)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_steps": "Number of steps in the architecture"}, owner="num_steps()",
    )


def feature_reusage(range: tuple[Any, Any] = (1, 2), trans: Trans | None = None) -> QuantParam:
    """Coefficient for feature reusage in the masks, ``gamma`` (R: ``tabnet::feature_reusage()``).

    Parameters
    ----------
    range : pair of numbers, default (1, 2)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> range_get(feature_reusage())
    (1.0, 2.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"feature_reusage": "Coefficient for feature reusage in the masks"}, owner="feature_reusage()",
    )


def num_independent(range: tuple[Any, Any] = (1, 5), trans: Trans | None = None) -> QuantParam:
    """Number of independent Gated Linear Unit layers at each step (R: ``tabnet::num_independent()``).

    Parameters
    ----------
    range : pair of whole numbers, default (1, 5)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_independent().range
    (1, 5)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_independent": "Number of independent Gated Linear Units layers at each step"},
        owner="num_independent()",
    )


def num_shared(range: tuple[Any, Any] = (1, 5), trans: Trans | None = None) -> QuantParam:
    """Number of shared Gated Linear Unit layers at each step (R: ``tabnet::num_shared()``).

    Parameters
    ----------
    range : pair of whole numbers, default (1, 5)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> num_shared().range
    (1, 5)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_shared": "Number of shared Gated Linear Units at each step"}, owner="num_shared()",
    )


def mask_type(values: Sequence[str] = ("sparsemax", "entmax")) -> QualParam:
    """Final layer of the feature selector: ``"sparsemax"`` or ``"entmax"`` (R: ``tabnet::mask_type()``).

    Parameters
    ----------
    values : sequence of str, default ("sparsemax", "entmax")

    Returns
    -------
    QualParam

    Examples
    --------
    >>> mask_type().values
    ('sparsemax', 'entmax')
    """
    return new_qual_param(
        "character", values,
        label={"mask_type": "Final layer of feature selector, either 'sparsemax' or 'entmax'"}, owner="mask_type()",
    )


def tabnet_momentum(range: tuple[Any, Any] = (0.01, 0.4), trans: Trans | None = None) -> QuantParam:
    """Momentum of TabNet's batch normalisation (R: ``tabnet::momentum()``, renamed in pytidy).

    Named ``tabnet_momentum`` so that it does not clash with :func:`pytidy.dials.momentum`
    (gradient-descent momentum, 0 to 1). Its parameter name, and so its default id in a set, is
    ``momentum``, the tabnet argument it tunes.

    Parameters
    ----------
    range : pair of numbers, default (0.01, 0.4)
    trans : Trans or None, default None

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> tabnet_momentum()
    Momentum for batch normalization (quantitative)
    Range: [0.01, 0.4]
    >>> tabnet_momentum().name
    'momentum'
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"momentum": "Momentum for batch normalization"}, owner="tabnet_momentum()",
    )

