"""neighbors(): tuning parameters (R: dials ``R/param_neighbors.R``)."""

from __future__ import annotations

from typing import Any

from .parameter import QuantParam, Trans, new_quant_param, range_get

__all__ = ["neighbors"]


def neighbors(range: tuple[Any, Any] = (1, 10), trans: Trans | None = None) -> QuantParam:
    """The number of neighbours of a nearest-neighbour model.

    R: ``dials::neighbors()``. Integer, range ``(1, 10)``.

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
    >>> neighbors()
    # Nearest Neighbors (quantitative)
    Range: [1, 10]
    >>> range_get(neighbors())
    (1, 10)
    """
    return new_quant_param(
        "integer", range=range, inclusive=(True, True), trans=trans,
        label={"neighbors": "# Nearest Neighbors"}, finalize=None, owner="neighbors()",
    )
