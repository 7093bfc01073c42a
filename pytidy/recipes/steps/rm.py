"""step_rm and step_select: drop or keep columns (R: ``recipes/R/rm.R``, ``recipes/R/select.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import StepTags, Step, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms
from ._stats import select_frame

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepRm", "step_rm", "StepSelect", "step_select"]


@step_class
class StepRm(Step):
    """Trained state: ``columns``, the columns removed (see :func:`step_rm`)."""

    name: ClassVar[str] = "step_rm"
    description: ClassVar[str] = "Variables removed"
    tags: ClassVar[StepTags] = StepTags(reads_columns_at_bake=False)

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepRm:
        return evolve(self, trained=True, columns=select_columns(self, info))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        drop = [c for c in self.columns if c in new_data.columns]
        return new_data.drop(columns=drop) if drop else new_data

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_rm(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Remove the selected columns.

    R: ``step_rm(recipe, ...)``. At bake the removed columns are dropped where present, so new
    data need not have them. ``tidy()`` has ``terms, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, starts_with
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "a1": [1, 2], "a2": [3, 4], "b": [5, 6]})
    >>> recipe("y ~ .", df).step_rm(starts_with("a")).prep().bake(None).columns.tolist()
    ['b', 'y']
    """
    check_bool(skip, "skip", "step_rm()")
    return recipe.add_step(StepRm(terms=selectors, skip=skip, id=id))


@step_class
class StepSelect(Step):
    """Trained state: ``columns``, the columns kept (see :func:`step_select`)."""

    name: ClassVar[str] = "step_select"
    description: ClassVar[str] = "Variables selected"
    # bake keeps the selected columns present in new_data (an outcome is absent at prediction time);
    # the recipe itself refuses new data without a predictor
    tags: ClassVar[StepTags] = StepTags(reads_columns_at_bake=False)

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepSelect:
        return evolve(self, trained=True, columns=select_columns(self, info))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        if not self.columns:
            return new_data
        keep = [c for c in self.columns if c in new_data.columns]
        return select_frame(new_data, keep)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_select(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Keep only the selected columns, in the order selected.

    R: ``step_select(recipe, ...)`` (``dplyr::select``). Differences: an empty selection keeps
    every column (R would return none; pytidy's rule is that an empty selection is a no-op),
    selected columns absent from new data (e.g. the outcome at prediction time) are skipped, and
    renaming inside the selection is not supported (use ``step_rename()``). ``tidy()`` has
    ``terms, id``. Leave the outcome in the selection, or ``bake()`` will not return it.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_outcomes
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "a": [1, 2], "b": [3, 4]})
    >>> recipe("y ~ .", df).step_select("b", all_outcomes()).prep().bake(None).columns.tolist()
    ['b', 'y']
    """
    check_bool(skip, "skip", "step_select()")
    return recipe.add_step(StepSelect(terms=selectors, skip=skip, id=id))
