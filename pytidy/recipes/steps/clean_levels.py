"""step_clean_levels: snake_case factor levels (R: ``textrecipes/R/clean_levels.R``, ``janitor``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import (Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from .clean_names import make_clean_names

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepCleanLevels", "step_clean_levels"]


@step_class
class StepCleanLevels(Step):
    """Trained state: ``clean``, ``{column: {original: clean}}`` (see :func:`step_clean_levels`)."""

    name: ClassVar[str] = "step_clean_levels"
    description: ClassVar[str] = "Cleaning factor levels for"

    clean: dict[str, dict[Any, str]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepCleanLevels:
        cols = select_columns(self, info)
        check_type(training, cols, ["string", "factor", "ordered"], self)
        clean = {}
        for col in cols:
            values = training[col]
            lv = (values.cat.categories.tolist() if isinstance(values.dtype, pd.CategoricalDtype)
                  else sorted(pd.unique(values.dropna()).tolist()))
            clean[col] = dict(zip(lv, make_clean_names(lv)))
        return evolve(self, trained=True, columns=cols, clean=clean)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        for col in cols:
            values = new_data[col]
            is_cat = isinstance(values.dtype, pd.CategoricalDtype)
            cat = values if is_cat else values.astype("category")
            cats = cat.cat.categories.tolist()
            known = self.clean[col]
            unknown = [c for c in cats if c not in known]
            extra = dict(zip(unknown, make_clean_names(unknown, allow_dupes=True)))
            mapped = [known.get(c, extra.get(c)) for c in cats]
            new_cats = list(dict.fromkeys(list(known.values()) + mapped)) if is_cat else list(dict.fromkeys(mapped))
            lookup = np.asarray([new_cats.index(m) for m in mapped] + [-1], dtype=np.int64)
            codes = lookup[cat.cat.codes.to_numpy()]
            if is_cat:
                out[col] = pd.Categorical.from_codes(codes, categories=new_cats, ordered=values.cat.ordered)
            else:  # strings stay strings (R: character input gives character output)
                res = pd.Categorical.from_codes(codes, categories=new_cats) if new_cats else pd.Categorical([None] * len(values))
                out[col] = pd.Series(res, index=values.index).astype("str")
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            none = pd.Series([None] * len(terms), dtype=object)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), original=none, value=none)
        terms, orig, value = [], [], []
        for col, mapping in self.clean.items():
            terms += [col] * len(mapping)
            orig += list(mapping)
            value += list(mapping.values())
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), original=pd.Series(orig, dtype=object),
                          value=pd.Series(value, dtype=object))


@register_step
def step_clean_levels(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Clean the levels of factor (and the values of string) columns to snake_case.

    R: ``textrecipes::step_clean_levels(recipe, ...)`` with janitor's ``make_clean_names``:
    levels that clean to the same text get ``_2``, ``_3`` suffixes so factor levels stay distinct.
    ``tidy()`` gives ``terms``, ``original`` and ``value``. Levels unseen at prep are cleaned too.

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
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["New York", "Los Angeles", "New York"]})
    >>> recipe("y ~ .", df).step_clean_levels("g").prep().bake(None)["g"].tolist()
    ['new_york', 'los_angeles', 'new_york']
    """
    check_bool(skip, "skip", "step_clean_levels()")
    return recipe.add_step(StepCleanLevels(terms=selectors, skip=skip, id=id))
