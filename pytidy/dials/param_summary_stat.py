"""summary_stat(): tuning parameters (R: dials ``R/param_summary_stat.R``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .parameter import QualParam, new_qual_param

__all__ = ["summary_stat", "values_summary_stat"]


values_summary_stat: tuple[str, ...] = (
    'mean', 'median', 'sd', 'var', 'sum', 'prod', 'min', 'max'
)


def summary_stat(values: Sequence[Any] = values_summary_stat) -> QualParam:
    """The statistic of a moving window (step_window).

    R: ``dials::summary_stat()``. Qualitative (character).

    Parameters
    ----------
    values : sequence, default values_summary_stat
        The possible values, in order.

    Returns
    -------
    QualParam

    Examples
    --------
    >>> summary_stat().values[:2]
    ('mean', 'median')
    """
    return new_qual_param("character", values, label={"summary_stat": "Rolling Summary Statistic"}, owner="summary_stat()")
