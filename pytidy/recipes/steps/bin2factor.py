"""step_bin2factor: 0/1 columns to two-level factors (R: ``recipes/R/bin2factor.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from ._stats import numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepBin2factor", "step_bin2factor"]


@step_class
class StepBin2factor(Step):
    """Maps 1 to ``levels[0]`` and anything else to ``levels[1]`` (see :func:`step_bin2factor`)."""

    name: ClassVar[str] = "step_bin2factor"
    description: ClassVar[str] = "Dummy variable to factor conversion for"

    levels: tuple[str, str] = ("yes", "no")
    ref_first: bool = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepBin2factor:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer", "logical"], self)
        block = numeric_block(training, cols)
        bad = [c for j, c in enumerate(cols) if not np.isin(block[~np.isnan(block[:, j]), j], (0.0, 1.0)).all()]
        if bad:
            raise InvalidParameterError(
                f"step_bin2factor(): all columns selected for the step should be 0/1 (or True/False); "
                f"{bad} have other values."
            )
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        cats = list(self.levels) if self.ref_first else list(self.levels[::-1])
        one, other = cats.index(self.levels[0]), cats.index(self.levels[1])
        block = numeric_block(new_data, cols)
        out = new_data.copy(deep=False)
        for j, col in enumerate(cols):
            x = block[:, j]
            codes = np.where(np.isnan(x), -1, np.where(x == 1, one, other))
            out[col] = pd.Categorical.from_codes(codes, categories=cats)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_bin2factor(recipe: Recipe, *selectors: Selector | str, levels: tuple[str, str] = ("yes", "no"), ref_first: bool = True,
                    skip: bool = False, id: str | None = None) -> Recipe:
    """Turn binary (0/1 or logical) columns into two-level factors.

    R: ``step_bin2factor(recipe, ..., levels = c("yes", "no"), ref_first = TRUE)``: a 1 becomes
    ``levels[0]``, a 0 ``levels[1]``; with ``ref_first=False`` the factor's level order is reversed.
    Prep refuses columns with values other than 0/1.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    levels : pair of str, default ("yes", "no")
    ref_first : bool, default True
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "b": [1, 0, 1]})
    >>> out = recipe("y ~ .", df).step_bin2factor("b").prep().bake(None)["b"]
    >>> out.tolist(), out.cat.categories.tolist()
    (['yes', 'no', 'yes'], ['yes', 'no'])
    """
    if (isinstance(levels, str) or len(levels) != 2 or not all(isinstance(v, str) for v in levels)
            or levels[0] == levels[1]):
        raise InvalidParameterError(
            f"`levels` in step_bin2factor() should be two different strings (for 1 and 0); got {levels!r}."
        )
    check_bool(ref_first, "ref_first", "step_bin2factor()")
    check_bool(skip, "skip", "step_bin2factor()")
    return recipe.add_step(StepBin2factor(terms=selectors, levels=(levels[0], levels[1]), ref_first=bool(ref_first),
                                          skip=skip, id=id))
