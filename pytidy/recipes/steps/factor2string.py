"""step_factor2string: factors to strings (R: ``recipes/R/factor2string.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ._base import (Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepFactor2string", "step_factor2string"]


@step_class
class StepFactor2string(Step):
    """Turns ``columns`` into strings (see :func:`step_factor2string`)."""

    name: ClassVar[str] = "step_factor2string"
    description: ClassVar[str] = "Character variables from"

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepFactor2string:
        cols = select_columns(self, info)
        check_type(training, cols, ["factor", "ordered"], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        out = new_data.copy(deep=False)
        for col in cols:
            out[col] = new_data[col].astype("str")
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@register_step
def step_factor2string(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Turn factor columns into string columns (missing values stay missing).

    R: ``step_factor2string(recipe, ...)``; selected columns must be factors. String columns of
    the original data are factors at this point when the recipe is prepped with
    ``strings_as_factors=True`` (the default), so they can be turned back.

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
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "g": pd.Categorical(["a", "b"])})
    >>> str(recipe("y ~ .", df).step_factor2string("g").prep().bake(None)["g"].dtype)
    'str'
    """
    check_bool(skip, "skip", "step_factor2string()")
    return recipe.add_step(StepFactor2string(terms=selectors, skip=skip, id=id))
