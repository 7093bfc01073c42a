"""step_downsample: remove rows so that classes are balanced (R: ``themis/R/downsample.R``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import StepTags, Step, check_new_data, check_trained, register_step, step_class, tidy_frame, untrained_terms
from .sample import _check_seed
from .upsample import check_ratio, class_column, class_positions

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepDownsample", "step_downsample"]


@step_class
class StepDownsample(Step):
    """Trained state: ``target``, the class size to keep (see :func:`step_downsample`)."""

    name: ClassVar[str] = "step_downsample"
    description: ClassVar[str] = "Down-sampling based on"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, random=True, skip_by_default=True)

    under_ratio: Any = 1.0
    seed: int = 0
    target: int | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepDownsample:
        cols = class_column(self, training, info)
        counts = training[cols[0]].value_counts() if cols else pd.Series([], dtype=np.int64)
        counts = counts[counts > 0]
        minority = int(counts.min()) if len(counts) else 0
        return evolve(self, trained=True, columns=cols, target=int(math.floor(minority * self.under_ratio)))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols or len(new_data) == 0:
            return new_data
        rng = np.random.default_rng(self.seed)
        groups, missing = class_positions(new_data[cols[0]])
        parts = []
        for pos in groups:
            if len(pos) > self.target:  # R: sample(rows, target) without replacement
                pos = np.sort(rng.choice(pos, size=self.target, replace=False))
            parts.append(pos)
        parts.append(missing)
        return new_data.iloc[np.concatenate(parts)]

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def tunable(self) -> dict[str, Any]:
        return {"under_ratio": lambda: __import__("pytidy.dials", fromlist=["under_ratio"]).under_ratio()}


@register_step
def step_downsample(recipe: Recipe, *selectors: Selector | str, under_ratio: float = 1, skip: bool = True,
                    seed: int | None = None, id: str | None = None) -> Recipe:
    """Remove rows of majority classes so that each class has at most ``under_ratio`` times the
    minority class's count.

    R: ``themis::step_downsample(recipe, ..., under_ratio = 1, skip = TRUE, seed =
    sample.int(10^5, 1))``. The selection must be one factor column without missing values. At
    prep the target is ``floor(minority * under_ratio)`` (the minority among the levels that
    occur); classes with more rows are sampled down to ``target`` without replacement, the others
    are kept. Rows come out grouped by class in level order (R), in their original order within a
    class. Tunable: ``under_ratio``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        One factor column (the class).
    under_ratio : float, default 1
    skip : bool, default True
    seed : int, optional
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"x": range(6), "cls": pd.Categorical(list("aaaabb"))})
    >>> out = recipe("cls ~ .", df).step_downsample("cls", seed=1).prep().bake(None)
    >>> out["cls"].value_counts().to_dict()
    {'a': 2, 'b': 2}
    """
    under_ratio = check_ratio(under_ratio, "under_ratio", "step_downsample()")
    check_bool(skip, "skip", "step_downsample()")
    return recipe.add_step(StepDownsample(terms=selectors, under_ratio=under_ratio, skip=skip,
                                          seed=_check_seed(seed, "step_downsample()"), id=id))
