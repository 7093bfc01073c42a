"""step_nzv: remove near-zero-variance columns (R: ``recipes/R/nzv.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_number
from ...hardhat import is_tune
from ._base import FilterStep, register_step, select_columns, step_class

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepNzv", "step_nzv", "nzv_columns"]


def nzv_columns(data: pd.DataFrame, columns: list[str] | tuple[str, ...], freq_cut: float = 95 / 5,
                unique_cut: float = 10) -> list[str]:
    """R's ``recipes:::nzv()``: the near-zero-variance columns among ``columns``.

    A column is removed when the ratio of the most common to the second most common value is
    above ``freq_cut`` and the percentage of distinct values (of all rows, missing included) is
    at most ``unique_cut``, or when it has at most one distinct non-missing value.

    Examples
    --------
    >>> df = pd.DataFrame({"a": [1] * 99 + [2], "b": range(100)})
    >>> nzv_columns(df, ["a", "b"])
    ['a']
    """
    out = []
    n = len(data)
    for col in columns:
        counts = data[col].value_counts(dropna=True, sort=True).to_numpy()
        lunique = len(counts)
        freq_ratio = 0.0 if lunique <= 1 else counts[0] / counts[1]
        pct_unique = 100 * lunique / n if n else 0.0
        zero_var = lunique <= 1
        if (freq_ratio > freq_cut and pct_unique <= unique_cut) or zero_var:
            out.append(col)
    return out


@step_class
class StepNzv(FilterStep):
    """Trained state: ``removals``, the columns dropped (see :func:`step_nzv`)."""

    name: ClassVar[str] = "step_nzv"
    description: ClassVar[str] = "Sparse, unbalanced variable filter on"
    removed_label: ClassVar[str] = "Sparse, unbalanced variable filter removed"

    freq_cut: Any = field(default=95 / 5, validator=is_number(lower=0))
    unique_cut: Any = field(default=10, validator=is_number(lower=0, upper=100))

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepNzv:
        cols = select_columns(self, info)
        removals = tuple(nzv_columns(training, cols, self.freq_cut, self.unique_cut))
        return evolve(self, trained=True, columns=cols, removals=removals)

    def tunable(self):
        def freq_cut():
            from pytidy.dials import freq_cut as dials_freq_cut

            return dials_freq_cut()

        def unique_cut():
            from pytidy.dials import unique_cut as dials_unique_cut

            return dials_unique_cut()

        return {"freq_cut": freq_cut, "unique_cut": unique_cut}


@register_step
def step_nzv(recipe: Recipe, *selectors: Selector | str, freq_cut: float = 95 / 5, unique_cut: float = 10,
             skip: bool = False, id: str | None = None) -> Recipe:
    """Remove columns that are highly sparse and unbalanced.

    R: ``step_nzv(recipe, ..., freq_cut = 95 / 5, unique_cut = 10)``: a column is removed when
    the most common value is more than ``freq_cut`` times as frequent as the second most common
    and the distinct values are at most ``unique_cut`` percent of the rows, or when it has a
    single distinct value. Both cut-offs are tunable with the dials defaults (``freq_cut()``,
    ``unique_cut()``, R's ``tunable.step_nzv``). ``tidy()`` has ``terms, id`` (the removed columns).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Candidate columns of any type, e.g. ``all_predictors()``.
    freq_cut : float or tune(), default 19
    unique_cut : float or tune(), default 10
        A percentage in [0, 100].
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> df = pd.DataFrame({"y": range(100), "rare": [0] * 98 + [1, 1], "x": [i % 7 for i in range(100)]})
    >>> p = recipe("y ~ .", df).step_nzv(all_predictors()).prep()
    >>> p.tidy(1)["terms"].tolist(), p.bake(None).columns.tolist()
    (['rare'], ['x', 'y'])
    """
    if not is_tune(freq_cut):
        check_number(freq_cut, "freq_cut", "step_nzv()", lower=0)
    if not is_tune(unique_cut):
        check_number(unique_cut, "unique_cut", "step_nzv()", lower=0, upper=100)
    check_bool(skip, "skip", "step_nzv()")
    return recipe.add_step(StepNzv(terms=selectors, freq_cut=freq_cut, unique_cut=unique_cut, skip=skip, id=id))
