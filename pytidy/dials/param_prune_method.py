"""prune_method(): tuning parameters (R: dials ``R/param_prune_method.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, new_qual_param

__all__ = ["prune_method", "values_prune_method"]


values_prune_method: tuple[str, ...] = (
    'backward', 'none', 'exhaustive', 'forward', 'seqrep', 'cv'
)


def prune_method(values: Sequence[Any] = values_prune_method) -> QualParam:
    """The pruning method of MARS models.

    R: ``dials::prune_method()``. Qualitative (character).

    Parameters
    ----------
    values : sequence, default values_prune_method
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> prune_method().values[:2]
    ('backward', 'none')
    """
    return new_qual_param("character", values, label={"prune_method": "Pruning Method"}, owner="prune_method()")
