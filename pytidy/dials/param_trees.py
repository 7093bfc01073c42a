"""trees(), min_n(), sample_size(), sample_prop(), loss_reduction(), tree_depth(), cost_complexity(), prune(): tuning parameters (R: dials ``R/param_trees.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .finalize import get_n_frac, get_n_frac_range
from .parameter import QualParam, QuantParam, Trans, log10_trans, new_qual_param, new_quant_param, range_get, unknown

__all__ = ["trees", "min_n", "sample_size", "sample_prop", "loss_reduction", "tree_depth", "cost_complexity", "prune"]


def trees(range: tuple[Any, Any] = (1, 2000), trans: Trans | None = None) -> QuantParam:
    """The number of trees in an ensemble.

    R: ``dials::trees()``. Integer, range ``(1, 2000)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 2000)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> trees()
    # Trees (quantitative)
    Range: [1, 2000]
    >>> range_get(trees())
    (1, 2000)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"trees": "# Trees"}, finalize=None, owner="trees()",
    )


def min_n(range: tuple[Any, Any] = (2, 40), trans: Trans | None = None) -> QuantParam:
    """The fewest data points in a node that may be split (``get_n_frac`` only fills unknown bounds).

    R: ``dials::min_n()``. Integer, range ``(2, 40)``; finalized by ``get_n_frac``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (2, 40)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> min_n().range
    (2, 40)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"min_n": "Minimal Node Size"}, finalize=get_n_frac, owner="min_n()",
    )


def sample_size(range: tuple[Any, Any] = (unknown(), unknown()), trans: Trans | None = None) -> QuantParam:
    """The number of rows sampled per tree; both bounds come from the data (``get_n_frac_range``).

    R: ``dials::sample_size()``. Integer, range ``(unknown(), unknown())``; finalized by ``get_n_frac_range``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (unknown(), unknown())
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> sample_size().range
    (unknown(), unknown())
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"sample_size": "# Observations Sampled"}, finalize=get_n_frac_range, owner="sample_size()",
    )


def sample_prop(range: tuple[Any, Any] = (0.1, 1), trans: Trans | None = None) -> QuantParam:
    """The proportion of rows sampled per tree. As in R its name (default id) is ``sample_size``.

    R: ``dials::sample_prop()``. Double, range ``(0.1, 1)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (0.1, 1)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> sample_prop()
    Proportion Observations Sampled (quantitative)
    Range: [0.1, 1]
    >>> range_get(sample_prop())
    (0.1, 1.0)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"sample_size": "Proportion Observations Sampled"}, finalize=None, owner="sample_prop()",
    )


def loss_reduction(range: tuple[Any, Any] = (-10, 1.5), trans: Trans | None = log10_trans) -> QuantParam:
    """The smallest loss reduction needed to split a node further.

    R: ``dials::loss_reduction()``. Double, range ``(-10, 1.5)`` on the log-10 scale.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (-10, 1.5)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default log10_trans
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> loss_reduction()
    Minimum Loss Reduction (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, 1.5]
    >>> range_get(loss_reduction())
    (1e-10, 31.622776601683793)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"loss_reduction": "Minimum Loss Reduction"}, finalize=None, owner="loss_reduction()",
    )


def tree_depth(range: tuple[Any, Any] = (1, 15), trans: Trans | None = None) -> QuantParam:
    """The maximum depth of a tree.

    R: ``dials::tree_depth()``. Integer, range ``(1, 15)``.

    Parameters
    ----------
    range : pair of numbers or unknown(), default (1, 15)
        Bounds on the transformed scale; ``lower <= upper``.
    trans : Trans or None, default None
        The transformation of the values.

    Returns
    -------
    QuantParam

    Examples
    --------
    >>> tree_depth()
    Tree Depth (quantitative)
    Range: [1, 15]
    >>> range_get(tree_depth())
    (1, 15)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"tree_depth": "Tree Depth"}, finalize=None, owner="tree_depth()",
    )


def cost_complexity(range: tuple[Any, Any] = (-10, -1), trans: Trans | None = log10_trans) -> QuantParam:
    """The cost-complexity pruning parameter of CART.

    R: ``dials::cost_complexity()``. Double, range ``(-10, -1)`` on the log-10 scale.

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
    >>> cost_complexity()
    Cost-Complexity Parameter (quantitative)
    Transformer: log-10 [1e-100, Inf]
    Range (transformed scale): [-10, -1]
    >>> range_get(cost_complexity())
    (1e-10, 0.1)
    """
    return new_quant_param(
        "double", range=range, inclusive=(True, True), trans=trans,
        label={"cost_complexity": "Cost-Complexity Parameter"}, finalize=None, owner="cost_complexity()",
    )


def prune(values: Sequence[Any] = (True, False)) -> QualParam:
    """Whether to prune a tree.

    R: ``dials::prune()``. Qualitative (logical).

    Parameters
    ----------
    values : sequence, default (True, False)
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> prune().values[:2]
    (True, False)
    """
    return new_qual_param("logical", values, label={"prune": "Pruning"}, owner="prune()")
