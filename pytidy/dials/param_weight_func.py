"""weight_func(): tuning parameters (R: dials ``R/param_weight_func.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, new_qual_param

__all__ = ["weight_func", "values_weight_func"]


values_weight_func: tuple[str, ...] = (
    'rectangular', 'triangular', 'epanechnikov', 'biweight', 'triweight', 'cos', 'inv', 'gaussian',
    'rank'
)


def weight_func(values: Sequence[Any] = values_weight_func) -> QualParam:
    """The kernel that weights the neighbours of a nearest-neighbour model.

    R: ``dials::weight_func()``. Qualitative (character).

    Parameters
    ----------
    values : sequence, default values_weight_func
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> weight_func().values[:2]
    ('rectangular', 'triangular')
    """
    return new_qual_param("character", values, label={"weight_func": "Distance Weighting Function"}, owner="weight_func()")
