"""step_sample: sample rows (R: ``recipes/R/sample.R``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ..._random import draw_seed
from ...errors import InvalidParameterError
from ._base import StepTags, Step, check_trained, register_step, step_class, tidy_frame

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepSample", "step_sample"]


def _check_seed(seed: Any, owner: str) -> int:
    if seed is None:
        return draw_seed(None)
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidParameterError(f"`seed` in {owner} must be a non-negative integer or None; got {seed!r}.")
    return int(seed)


@step_class
class StepSample(Step):
    """Samples rows with a fixed seed (see :func:`step_sample`)."""

    name: ClassVar[str] = "step_sample"
    description: ClassVar[str] = "Row sampling"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, random=True, skip_by_default=True, selects_columns=False)

    size: float | None = None
    replace: bool = False
    seed: int = 0

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepSample:
        return evolve(self, trained=True, columns=())

    def _n(self, n: int) -> int:
        if self.size is None:
            return n
        if self.size < 1:
            return int(math.floor(n * self.size))
        k = int(self.size)
        return k if self.replace else min(k, n)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        n = len(new_data)
        if n == 0:
            return new_data
        k = self._n(n)
        rng = np.random.default_rng(self.seed)
        idx = rng.choice(n, size=k, replace=self.replace)
        return new_data.iloc[np.sort(idx)]

    def tidy(self) -> pd.DataFrame:
        return tidy_frame(self, terms=pd.Series([], dtype=object), size=pd.Series([], dtype=float),
                          replace=pd.Series([], dtype=bool))

    def __repr__(self) -> str:
        what = "Row sampling with replacement" if self.replace else "Row sampling"
        return what + (" [trained]" if self.trained else "") + (" [skip]" if self.skip else "")


@register_step
def step_sample(recipe: Recipe, *selectors: Selector | str, size: float | None = None, replace: bool = False,
                skip: bool = True, seed: int | None = None, id: str | None = None) -> Recipe:
    """Sample rows of the data.

    R: ``step_sample(recipe, ..., size = NULL, replace = FALSE, skip = TRUE)``
    (``dplyr::slice_sample``). ``size`` below 1 is a fraction of the rows, 1 or more a number of
    rows (without replacement at most all rows), None all rows. Knowing differences: the rows keep
    their original order (R returns them in random order), and the sampling uses ``seed`` — drawn
    once when the step is made if not given, so the same recipe always samples the same rows.
    ``tidy()`` has zero rows (R: ``terms`` is empty), with ``size`` and ``replace`` columns.

    Parameters
    ----------
    recipe : Recipe
    *selectors
        Not used (R: ``...`` is ignored); must be empty.
    size : float, optional
    replace : bool, default False
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
    >>> df = pd.DataFrame({"y": range(10)})
    >>> out = recipe("y ~ .", df).step_sample(size=0.5, seed=1).prep().bake(None)
    >>> len(out), out["y"].is_monotonic_increasing
    (5, True)
    """
    if selectors:
        raise InvalidParameterError(
            f"step_sample() does not select columns; got {selectors!r}. Use size= and replace= only."
        )
    if size is not None and (isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, float, np.number))
                             or not np.isfinite(size) or size <= 0):
        raise InvalidParameterError(
            f"`size` in step_sample() must be a positive number (a fraction below 1 or a number of rows) "
            f"or None; got {size!r}."
        )
    check_bool(replace, "replace", "step_sample()")
    check_bool(skip, "skip", "step_sample()")
    size = None if size is None else float(size)
    return recipe.add_step(StepSample(size=size, replace=bool(replace), skip=skip,
                                      seed=_check_seed(seed, "step_sample()"), id=id))
