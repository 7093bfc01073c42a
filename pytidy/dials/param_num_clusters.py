"""num_clusters(): tuning parameters (R: dials ``R/param_num_clusters.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["num_clusters"]


def num_clusters(range: tuple[Any, Any] = (1, 10), trans: Trans | None = None) -> QuantParam:
    """The number of clusters.

    R: ``dials::num_clusters()``. Integer, range ``(1, 10)``.

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
    >>> num_clusters()
    # Clusters (quantitative)
    Range: [1, 10]
    >>> range_get(num_clusters())
    (1, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"num_clusters": "# Clusters"}, finalize=None, owner="num_clusters()",
    )
