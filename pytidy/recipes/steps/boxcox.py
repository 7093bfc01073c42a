"""step_BoxCox: Box-Cox transformation with lambda estimated by maximum likelihood (R: ``recipes/R/BoxCox.R``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError, PytidyWarning
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

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepBoxCox", "step_BoxCox"]

_EPS = 0.001


def optimize_max(f: Callable[[float], float], lower: float, upper: float, tol: float = 1e-4) -> float:
    """Maximise ``f`` on ``[lower, upper]`` with Brent's golden-section/parabolic search.

    R: ``optimize(f, c(lower, upper), maximum = TRUE, tol = tol)$maximum`` (the ``fmin``
    algorithm of Brent, 1973, as in R's C code), so the same points are evaluated and the
    same optimum is returned.

    Examples
    --------
    >>> round(optimize_max(lambda x: -(x - 1.5) ** 2, -5, 5), 4)
    1.5
    """
    c = (3.0 - 5.0**0.5) * 0.5
    eps = float(np.finfo(float).eps) ** 0.5
    a, b = float(lower), float(upper)
    v = a + c * (b - a)
    w = x = v
    d = e = 0.0
    fx = -f(x)
    fv = fw = fx
    tol3 = tol / 3.0
    while True:
        xm = (a + b) * 0.5
        tol1 = eps * abs(x) + tol3
        t2 = tol1 * 2.0
        if abs(x - xm) <= t2 - (b - a) * 0.5:
            break
        p = q = r = 0.0
        if abs(e) > tol1:  # fit a parabola
            r = (x - w) * (fx - fv)
            q = (x - v) * (fx - fw)
            p = (x - v) * q - (x - w) * r
            q = (q - r) * 2.0
            if q > 0.0:
                p = -p
            else:
                q = -q
            r = e
            e = d
        if abs(p) >= abs(q * 0.5 * r) or p <= q * (a - x) or p >= q * (b - x):  # golden section
            e = (b - x) if x < xm else (a - x)
            d = c * e
        else:  # parabolic interpolation
            d = p / q
            u = x + d
            if u - a < t2 or b - u < t2:
                d = tol1 if x < xm else -tol1
        if abs(d) >= tol1:
            u = x + d
        elif d > 0.0:
            u = x + tol1
        else:
            u = x - tol1
        fu = -f(u)
        if fu <= fx:
            if u < x:
                b = x
            else:
                a = x
            v, w, x = w, x, u
            fv, fw, fx = fw, fx, fu
        else:
            if u < x:
                a = u
            else:
                b = u
            if fu <= fw or w == x:
                v, fv = w, fw
                w, fw = u, fu
            elif fu <= fv or v == x or v == w:
                v, fv = u, fu
    return float(x)


def check_limits(limits: Any, owner: str) -> tuple[float, float]:
    """Two finite numbers, returned sorted (R: ``limits`` of the power-transformation steps)."""
    try:
        values = [float(v) for v in limits]
    except (TypeError, ValueError):
        values = []
    if len(values) != 2 or not all(np.isfinite(values)) or isinstance(limits, str):
        raise InvalidParameterError(
            f"`limits` in {owner} must be two finite numbers such as (-5, 5); got {limits!r}."
        )
    return (min(values), max(values))


def check_num_unique(value: Any, owner: str) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidParameterError(f"`num_unique` in {owner} must be a whole number >= 1; got {value!r}.")
    return int(value)


def _ll_bc(lam: float, y: np.ndarray, gm: float) -> float:
    n = y.size
    gm0 = gm ** (lam - 1.0)
    z = np.log(y) / gm0 if abs(lam) <= _EPS else (y**lam - 1.0) / (lam * gm0)
    return -0.5 * n * np.log(np.var(z))


def estimate_bc(x: np.ndarray, limits: tuple[float, float], num_unique: int) -> float:
    """The Box-Cox lambda of ``x`` (NaN when it cannot or should not be estimated)."""
    x = x[~np.isnan(x)]
    if np.unique(x).size < num_unique or (x <= 0).any():
        return np.nan
    gm = float(np.exp(np.mean(np.log(x))))
    lam = optimize_max(lambda lam: _ll_bc(lam, x, gm), limits[0], limits[1], tol=1e-4)
    if abs(limits[0] - lam) <= _EPS or abs(limits[1] - lam) <= _EPS:
        return np.nan
    return float(lam)


@step_class
class StepBoxCox(Step):
    """Trained state: ``lambdas``, the estimated lambda by column (see :func:`step_BoxCox`)."""

    name: ClassVar[str] = "step_BoxCox"
    description: ClassVar[str] = "Box-Cox transformation on"

    limits: tuple[float, float] = (-5.0, 5.0)
    num_unique: int = 5
    lambdas: dict[str, float] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepBoxCox:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        values = {c: estimate_bc(block[:, j], self.limits, self.num_unique) for j, c in enumerate(cols)}
        failed = [c for c, v in values.items() if np.isnan(v)]
        if failed:
            warnings.warn(
                f"step_BoxCox(): no Box-Cox transformation could be estimated for {failed} (fewer than "
                f"num_unique = {self.num_unique} distinct values, non-positive values, or lambda at the "
                "limits); they are left unchanged. Consider step_YeoJohnson() for non-positive data.",
                PytidyWarning,
                stacklevel=3,
            )
        lambdas = {c: v for c, v in values.items() if not np.isnan(v)}
        return evolve(self, trained=True, columns=cols, lambdas=lambdas)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.lambdas)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        block = numeric_block(new_data, cols)
        nonpos = [c for j, c in enumerate(cols) if (block[:, j] <= 0).any()]
        if nonpos:
            warnings.warn(
                f"step_BoxCox(): applying the Box-Cox transformation to non-positive data in {nonpos}; "
                "those values give NaN or -inf.",
                PytidyWarning,
                stacklevel=3,
            )
        lam = np.array([self.lambdas[c] for c in cols])
        with np.errstate(divide="ignore", invalid="ignore"):
            small = np.abs(lam) < _EPS
            safe = np.where(small, 1.0, lam)
            out = np.where(small, np.log(block), (block**safe - 1.0) / safe)
        return assign_block(new_data, cols, out)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.full(len(terms), np.nan))
        return tidy_frame(self, terms=pd.Series(list(self.lambdas), dtype=object),
                          value=np.array(list(self.lambdas.values()), dtype=float))


@register_step
def step_BoxCox(recipe: Recipe, *selectors: Selector | str, limits: tuple[float, float] = (-5, 5), num_unique: int = 5,
                skip: bool = False, id: str | None = None) -> Recipe:
    """Box-Cox transformation of strictly positive columns, lambda estimated on the training set.

    R: ``step_BoxCox(recipe, ..., limits = c(-5, 5), num_unique = 5)``. For each column lambda
    maximises the profile log-likelihood ``-n/2 log(var(z))`` of the geometric-mean scaled
    transform, found with R's ``optimize()`` (Brent, ``tol = 1e-4``) on ``limits``. A column
    with fewer than ``num_unique`` distinct values or a non-positive value, or whose lambda ends
    within 0.001 of a limit, is left unchanged with a warning (R). ``|lambda| < 0.001`` gives
    ``log(x)``. Missing values are ignored in the estimation (R stops on them).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns with positive values.
    limits : tuple of float, default (-5, 5)
        Search range for lambda.
    num_unique : int, default 5
        Fewest distinct values a column needs to be transformed.
    skip : bool, default False
    id : str, optional
        Default ``"BoxCox_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe
    >>> x = np.exp(np.linspace(-1, 2, 30))
    >>> df = pd.DataFrame({"y": np.arange(30.0), "x": x})
    >>> prepped = recipe("y ~ .", df).step_BoxCox("x").prep()
    >>> prepped.tidy(1)
      terms     value        id
    0     x  0.0...  BoxCox_1
    """
    limits = check_limits(limits, "step_BoxCox()")
    num_unique = check_num_unique(num_unique, "step_BoxCox()")
    check_bool(skip, "skip", "step_BoxCox()")
    return recipe.add_step(StepBoxCox(terms=selectors, limits=limits, num_unique=num_unique, skip=skip, id=id))
