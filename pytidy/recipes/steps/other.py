"""step_other: pool infrequent factor levels into "other" (R: ``recipes/R/other.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_number
from ...errors import InvalidParameterError
from ...hardhat import is_tune
from ._base import (
    Step,
    check_new_data,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepOther", "step_other"]

NOMINAL = ["factor", "ordered", "string"]


def as_categorical(values: pd.Series) -> pd.Series:
    """A factor column as is; a string column as a categorical with sorted levels."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values
    return values.astype("category")


def recode_levels(values: pd.Series, keep: list[Any], other: Any, missing_to: Any = None,
                  unknown_to_other: bool = True) -> pd.Series:
    """Codes-based recoding: levels ``keep + [other]``; values outside ``keep`` become ``other``.

    ``missing_to``: a level given to missing values (None keeps them missing).
    """
    cat = as_categorical(values)
    old = list(cat.cat.categories)
    pos = {lv: i for i, lv in enumerate(keep)}
    k = len(keep)
    # old code -> new code: a kept level keeps its place, others go to `other` (k)
    table = np.array([pos.get(lv, k if unknown_to_other else -1) for lv in old] + [-1], dtype=np.int64)
    codes = cat.cat.codes.to_numpy().astype(np.int64)
    new_codes = table[np.where(codes < 0, len(old), codes)]
    if missing_to is not None:
        new_codes[codes < 0] = k
    categories = list(keep) + [other]
    return pd.Series(pd.Categorical.from_codes(new_codes, categories=categories, ordered=cat.cat.ordered),
                     index=values.index, name=values.name)


def keep_levels(values: pd.Series, threshold: float, other: Any, col: str) -> tuple[list[Any], bool]:
    """R's ``keep_levels()``: the levels to keep (in level order) and whether anything is pooled."""
    cat = as_categorical(values)
    orig = list(cat.cat.categories)
    codes = cat.cat.codes.to_numpy()
    counts = np.bincount(codes[codes >= 0], minlength=len(orig)).astype(float)
    freq = counts / max(int((codes >= 0).sum()), 1) if threshold < 1 else counts
    dropped = freq < threshold
    keepers = [lv for lv, d in zip(orig, dropped) if not d]
    if not keepers and len(orig):
        # R: keep the most frequent level (the first such in decreasing-frequency order)
        order = np.argsort(-counts, kind="stable")
        keepers = [orig[order[0]]]
    if other in keepers:
        raise InvalidParameterError(
            f"step_other(): the level {other!r} is already a level of {col!r} that will be retained. "
            "Please choose a different value for `other`."
        )
    return [lv for lv in orig if lv in set(keepers)], bool(dropped.any())


@step_class
class StepOther(Step):
    """Trained state: ``objects`` = ``{column: (kept levels, collapse?)}`` (see :func:`step_other`)."""

    name: ClassVar[str] = "step_other"
    description: ClassVar[str] = "Collapsing factor levels for"

    threshold: Any = field(default=0.05, validator=is_number(lower=0, inclusive=(False, True)))
    other: str = "other"
    objects: dict[str, tuple[tuple[Any, ...], bool]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepOther:
        cols = select_columns(self, info)
        check_type(training, cols, NOMINAL, self)
        objects = {}
        for col in cols:
            keep, collapse = keep_levels(training[col], self.threshold, self.other, col)
            objects[col] = (tuple(keep), collapse)
        return evolve(self, trained=True, columns=cols, objects=objects)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        changes = {}
        for col in cols:
            keep, collapse = self.objects[col]
            if collapse:
                changes[col] = recode_levels(new_data[col], list(keep), self.other)
        if not changes:
            return new_data
        out = new_data.copy(deep=False)
        for col, values in changes.items():
            out[col] = values
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                              retained=pd.Series([None] * len(terms), dtype=object))
        terms, retained = [], []
        for col in self.columns:
            keep, _ = self.objects[col]
            terms += [col] * len(keep)
            retained += list(keep)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), retained=pd.Series(retained, dtype=object))

    def tunable(self):
        def threshold():
            from pytidy.dials import threshold as dials_threshold

            return dials_threshold(range=(0, 0.1))

        return {"threshold": threshold}


@register_step
def step_other(recipe: Recipe, *selectors: Selector | str, threshold: float = 0.05, other: str = "other",
               skip: bool = False, id: str | None = None) -> Recipe:
    """Pool infrequent levels of nominal columns into one level ``other``.

    R: ``step_other(recipe, ..., threshold = .05, other = "other")``: a ``threshold`` below 1 is
    a proportion of the non-missing training values, one of 1 or more a count; a level is kept
    when its frequency is at least ``threshold``. If no level is kept, the most frequent one is.
    Pooling happens only for columns where some level fell below the threshold; then values not
    kept (including levels unseen at prep) become ``other``, missing values stay missing, and
    the levels are the kept ones followed by ``other``. ``threshold`` is tunable (dials
    ``threshold(range = c(0, 0.1))``). ``tidy()`` has ``terms, retained, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Factor or string columns, e.g. ``all_nominal_predictors()``.
    threshold : float or tune(), default 0.05
        Positive: a proportion when below 1, else a whole-number count.
    other : str, default "other"
        Name of the pooled level; must not be a level that is kept.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": range(10), "g": list("aaaaabbbbc")})
    >>> p = recipe("y ~ .", df).step_other("g", threshold=0.2).prep()
    >>> p.bake(pd.DataFrame({"g": ["a", "c", "zz", None]}))["g"].tolist()
    ['a', 'other', 'other', nan]
    >>> p.tidy(1)
      terms retained       id
    0     g        a  other_1
    1     g        b  other_1
    """
    if not is_tune(threshold):
        check_number(threshold, "threshold", "step_other()", lower=0, inclusive=(False, True))
        if threshold >= 1 and not float(threshold).is_integer():
            raise InvalidParameterError(
                f"`threshold` in step_other() must be a proportion below 1 or a whole-number count; got {threshold!r}."
            )
    if not isinstance(other, str) or not other:
        raise InvalidParameterError(f"`other` in step_other() must be a non-empty string; got {other!r}.")
    check_bool(skip, "skip", "step_other()")
    return recipe.add_step(StepOther(terms=selectors, threshold=threshold, other=other, skip=skip, id=id))
