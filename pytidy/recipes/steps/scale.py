"""step_scale: divide by the training standard deviation (R: ``recipes/R/scale.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
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
from ._stats import assign_block, column_sds, column_values, numeric_block, sd_check
from ._weights import unsupervised_weights, weighted_sds

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepScale", "step_scale"]


@step_class
class StepScale(Step):
    """Trained state: ``sds`` by column, already multiplied by ``factor`` (see :func:`step_scale`)."""

    name: ClassVar[str] = "step_scale"
    description: ClassVar[str] = "Scaling for"

    factor: float = 1
    na_rm: bool = True
    sds: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepScale:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        columns = [column_values(training, c) for c in cols]
        wts = unsupervised_weights(info, training, self.name)   # frequency weights only (R)
        raw = column_sds(columns, self.na_rm) if wts is None else weighted_sds(columns, wts, self.na_rm)
        sds = sd_check(cols, raw, self.name) * self.factor
        return evolve(self, trained=True, columns=cols, sds=dict(zip(cols, sds.tolist())))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)   # a fresh copy: change it in place
        block /= np.array([self.sds[c] for c in cols])
        return assign_block(new_data, cols, block)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, value=[np.nan] * len(terms))
        cols = list(self.columns)
        return tidy_frame(self, terms=cols, value=pd.Series([self.sds[c] for c in cols], dtype=float))


@register_step
def step_scale(recipe: Recipe, *selectors: Selector | str, factor: float = 1, na_rm: bool = True, skip: bool = False,
               id: str | None = None) -> Recipe:
    """Divide each numeric column by its training standard deviation (``n - 1``).

    R: ``step_scale(recipe, ..., factor = 1, na_rm = TRUE)``. ``factor = 2`` divides by two
    standard deviations (Gelman 2008). R warns and uses 1 for other values; pytidy raises.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    factor : {1, 2}, default 1
    na_rm : bool, default True
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 3.0]})
    >>> recipe("y ~ .", df).step_scale("x", factor=2).prep().bake(None)["x"].tolist()
    [0.5, 1.0, 1.5]
    """
    if factor not in (1, 2) or isinstance(factor, bool):
        raise InvalidParameterError(f"`factor` in step_scale() must be 1 or 2; got {factor!r}.")
    check_bool(na_rm, "na_rm", "step_scale()")
    check_bool(skip, "skip", "step_scale()")
    return recipe.add_step(StepScale(terms=selectors, factor=factor, na_rm=na_rm, skip=skip, id=id))
