"""step_upsample: replicate rows so that classes are balanced (R: ``themis/R/upsample.R``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ...hardhat import is_tune
from ._base import StepTags, Step, check_new_data, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms
from .sample import _check_seed

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepUpsample", "step_upsample"]


def class_column(step: Step, training: pd.DataFrame, info: pd.DataFrame) -> tuple[str, ...]:
    """The one factor column a themis step samples by (R: ``check_1_selected``, ``check_column_factor``)."""
    cols = select_columns(step, info)
    if len(cols) > 1:
        raise InvalidParameterError(
            f"{step.name}(): the selection must give one factor column; got {len(cols)}: {list(cols)}."
        )
    if cols:
        col = cols[0]
        if not isinstance(training[col].dtype, pd.CategoricalDtype):
            raise InvalidParameterError(
                f"{step.name}(): {col!r} should be a factor (categorical) column; got {training[col].dtype}."
            )
        if training[col].isna().any():
            raise InvalidParameterError(
                f"{step.name}(): {col!r} has {int(training[col].isna().sum())} missing value(s); remove or impute "
                "them first (step_naomit(), step_impute_mode())."
            )
    return cols


def check_ratio(value: Any, name: str, owner: str) -> Any:
    if is_tune(value):
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)) \
            or not np.isfinite(value) or value < 0:
        raise InvalidParameterError(f"`{name}` in {owner} must be a number >= 0; got {value!r}.")
    return float(value)


def class_positions(values: pd.Series) -> tuple[list[np.ndarray], np.ndarray]:
    """Row positions of each level (level order, empty levels left out) and of missing values."""
    cat = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    codes = cat.cat.codes.to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(cat.cat.categories) + 1))
    groups = [order[a:b] for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
    return groups, np.flatnonzero(codes < 0)


@step_class
class StepUpsample(Step):
    """Trained state: ``target``, the class size to reach (see :func:`step_upsample`)."""

    name: ClassVar[str] = "step_upsample"
    description: ClassVar[str] = "Up-sampling based on"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, random=True, skip_by_default=True)

    over_ratio: Any = 1.0
    seed: int = 0
    target: int | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepUpsample:
        cols = class_column(self, training, info)
        majority = int(training[cols[0]].value_counts().max()) if cols and len(training) else 0
        return evolve(self, trained=True, columns=cols, target=int(math.floor(majority * self.over_ratio)))

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
            if len(pos) < self.target:  # R: sample(rows, target, replace = TRUE)
                pos = np.sort(rng.choice(pos, size=self.target, replace=True))
            parts.append(pos)
        parts.append(missing)
        return new_data.iloc[np.concatenate(parts)]

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def tunable(self) -> dict[str, Any]:
        return {"over_ratio": lambda: __import__("pytidy.dials", fromlist=["over_ratio"]).over_ratio()}


@register_step
def step_upsample(recipe: Recipe, *selectors: Selector | str, over_ratio: float = 1, skip: bool = True, seed: int | None = None,
                  id: str | None = None) -> Recipe:
    """Replicate rows of minority classes so that each class has about ``over_ratio`` times the
    majority class's count.

    R: ``themis::step_upsample(recipe, ..., over_ratio = 1, skip = TRUE, seed = sample.int(10^5,
    1))``. The selection must be one factor column without missing values. At prep the target is
    ``floor(majority * over_ratio)``; each class with fewer rows is replaced by ``target`` rows
    drawn with replacement, classes with at least ``target`` rows are kept as they are (as R's
    documentation says). Rows come out grouped by class in level order (R), in their original
    order within a class. ``seed`` is drawn once when the step is made if not given (R).
    Tunable: ``over_ratio``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        One factor column (the class).
    over_ratio : float, default 1
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
    >>> out = recipe("cls ~ .", df).step_upsample("cls", seed=1).prep().bake(None)
    >>> out["cls"].value_counts().to_dict()
    {'a': 4, 'b': 4}
    """
    over_ratio = check_ratio(over_ratio, "over_ratio", "step_upsample()")
    check_bool(skip, "skip", "step_upsample()")
    return recipe.add_step(StepUpsample(terms=selectors, over_ratio=over_ratio, skip=skip,
                                        seed=_check_seed(seed, "step_upsample()"), id=id))
