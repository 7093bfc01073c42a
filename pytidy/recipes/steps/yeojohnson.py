"""step_YeoJohnson: Yeo-Johnson transformation, lambda by maximum likelihood (R: ``recipes/R/YeoJohnson.R``)."""

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
from ._stats import assign_block, numeric_block
from .boxcox import check_limits, check_num_unique, optimize_max

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepYeoJohnson", "step_YeoJohnson"]

_EPS = 0.001


def yj_transform(x: np.ndarray, lam: float) -> np.ndarray:
    """The Yeo-Johnson transform of ``x`` for one ``lam`` (R: ``recipes:::yj_transform``).

    Examples
    --------
    >>> yj_transform(np.array([-1.0, 0.0, 1.0]), 1.0).tolist()
    [-1.0, 0.0, 1.0]
    """
    neg = x < 0
    out = np.array(x, dtype=float, copy=True)
    pos = ~neg & ~np.isnan(x)
    xp, xn = x[pos], x[neg]
    out[pos] = np.log1p(xp) if abs(lam) < _EPS else ((xp + 1.0) ** lam - 1.0) / lam
    out[neg] = -np.log1p(-xn) if abs(lam - 2.0) < _EPS else -((1.0 - xn) ** (2.0 - lam) - 1.0) / (2.0 - lam)
    return out


def estimate_yj(x: np.ndarray, limits: tuple[float, float], num_unique: int, na_rm: bool, col: str) -> float:
    """The Yeo-Johnson lambda of ``x`` (NaN when it cannot be estimated)."""
    nas = np.isnan(x)
    if nas.any():
        if not na_rm:
            raise InvalidParameterError(
                f"step_YeoJohnson(): column {col!r} has missing values, which the Yeo-Johnson estimation "
                "does not allow with na_rm=False. Use na_rm=True or impute first."
            )
        x = x[~nas]
    if np.unique(x).size < num_unique:
        return np.nan
    const = float(np.sum(np.sign(x) * np.log(np.abs(x) + 1.0)))
    n = x.size

    def loglik(lam: float) -> float:
        return -0.5 * n * np.log(np.var(yj_transform(x, lam))) + (lam - 1.0) * const

    lam = optimize_max(loglik, limits[0], limits[1], tol=1e-4)
    if abs(limits[0] - lam) <= _EPS or abs(limits[1] - lam) <= _EPS:
        return np.nan
    return float(lam)


@step_class
class StepYeoJohnson(Step):
    """Trained state: ``lambdas`` by column (see :func:`step_YeoJohnson`)."""

    name: ClassVar[str] = "step_YeoJohnson"
    description: ClassVar[str] = "Yeo-Johnson transformation on"

    limits: tuple[float, float] = (-5.0, 5.0)
    num_unique: int = 5
    na_rm: bool = True
    lambdas: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepYeoJohnson:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        values = {c: estimate_yj(block[:, j], self.limits, self.num_unique, self.na_rm, c)
                  for j, c in enumerate(cols)}
        lambdas = {c: v for c, v in values.items() if not np.isnan(v)}
        return evolve(self, trained=True, columns=cols, lambdas=lambdas)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.lambdas)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        block = numeric_block(new_data, cols)
        out = np.column_stack([yj_transform(block[:, j], self.lambdas[c]) for j, c in enumerate(cols)])
        return assign_block(new_data, cols, out)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.full(len(terms), np.nan))
        return tidy_frame(self, terms=pd.Series(list(self.lambdas), dtype=object),
                          value=np.array(list(self.lambdas.values()), dtype=float))


@register_step
def step_YeoJohnson(recipe: Recipe, *selectors: Selector | str, limits: tuple[float, float] = (-5, 5), num_unique: int = 5,
                    na_rm: bool = True, skip: bool = False, id: str | None = None) -> Recipe:
    """Yeo-Johnson transformation of numeric columns, lambda estimated on the training set.

    R: ``step_YeoJohnson(recipe, ..., limits = c(-5, 5), num_unique = 5, na_rm = TRUE)``. For
    each column lambda maximises the Yeo-Johnson (2000, eq. 3.1) profile log-likelihood with R's
    ``optimize()`` (Brent, ``tol = 1e-4``) on ``limits``. A column with fewer than
    ``num_unique`` distinct values, or whose lambda ends within 0.001 of a limit, is left
    unchanged silently (R). Unlike Box-Cox, zero and negative values are allowed.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    limits : tuple of float, default (-5, 5)
        Search range for lambda.
    num_unique : int, default 5
        Fewest distinct values a column needs to be transformed.
    na_rm : bool, default True
        Ignore missing values in the estimation; with False a missing value is an error.
    skip : bool, default False
    id : str, optional
        Default ``"YeoJohnson_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": np.arange(6.0), "x": [-2.0, -1.0, 0.0, 1.0, 4.0, 9.0]})
    >>> prepped = recipe("y ~ .", df).step_YeoJohnson("x").prep()
    >>> round(float(prepped.tidy(1)["value"][0]), 2)
    0.43
    """
    limits = check_limits(limits, "step_YeoJohnson()")
    num_unique = check_num_unique(num_unique, "step_YeoJohnson()")
    check_bool(na_rm, "na_rm", "step_YeoJohnson()")
    check_bool(skip, "skip", "step_YeoJohnson()")
    return recipe.add_step(StepYeoJohnson(terms=selectors, limits=limits, num_unique=num_unique, na_rm=na_rm,
                                          skip=skip, id=id))
