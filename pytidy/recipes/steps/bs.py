"""step_bs: B-spline basis expansion (R: ``recipes/R/bs.R``, ``splines::bs``).

Also holds the B-spline machinery shared with :mod:`.ns`: :func:`spline_design` (R's
``splines::splineDesign``), :func:`spline_knots` (the knot placement of ``bs()``/``ns()``),
:func:`bs_basis` and :func:`ns_basis`.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field
from scipy.interpolate import BSpline
from scipy.linalg import qr

from ..._checks import check_bool, is_int
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
from ._stats import numeric_block
from ._stats import append_columns, check_whole, names0

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepBs", "step_bs"]


def spline_design(knots: Any, x: Any, ord: int, deriv: int = 0) -> np.ndarray:
    """B-spline basis (or its ``deriv``-th derivative) at ``x``: R's ``splineDesign(knots, x, ord, derivs)``.

    ``x`` must lie within ``[knots[ord - 1], knots[-ord]]``; the right end is included.

    Examples
    --------
    >>> knots = np.array([0, 0, 1, 1.0])
    >>> spline_design(knots, np.array([0.0, 0.25, 1.0]), ord=2)
    array([[1.  , 0.  ],
           [0.75, 0.25],
           [0.  , 1.  ]])
    """
    knots = np.asarray(knots, dtype=float)
    n = knots.size - ord
    spl = BSpline(knots, np.eye(n), ord - 1, extrapolate=True)
    if deriv:
        spl = spl.derivative(deriv)
    return np.asarray(spl(np.asarray(x, dtype=float)), dtype=float).reshape(-1, n)


def spline_knots(x: np.ndarray, df: int | None, degree: int, intercept: bool = False) -> tuple[tuple[float, ...], tuple[float, float]]:
    """Interior knots at quantiles and boundary knots at the range (R: ``recipes:::bs_statistics``)."""
    x = x[~np.isnan(x)]
    if x.size == 0:
        raise InvalidParameterError("a spline basis needs at least one non-missing training value.")
    boundary = (float(x.min()), float(x.max()))
    knots: tuple[float, ...] = ()
    if df is not None and df - degree - int(intercept) >= 1:
        num = df - degree - int(intercept)
        probs = np.arange(1, num + 1) / (num + 1)
        knots = tuple(np.quantile(x, probs).tolist())
    return knots, boundary


def bs_basis(x: np.ndarray, knots: tuple[float, ...], boundary: tuple[float, float], degree: int = 3,
             intercept: bool = False, warn_outside: bool = True) -> np.ndarray:
    """R's ``splines::bs(x, knots =, Boundary.knots =, degree =, intercept =)`` basis matrix.

    Values beyond the boundary knots are extrapolated with the Taylor polynomial at a pivot a
    quarter of the way into the outer knot interval (R >= 3.2.3); missing values give NaN rows.
    """
    ord_ = degree + 1
    aknots = np.sort(np.concatenate([np.repeat(boundary, ord_), knots]))
    ncol = aknots.size - ord_
    out = np.full((x.size, ncol), np.nan)
    ok = ~np.isnan(x)
    ol = ok & (x < boundary[0])
    orr = ok & (x > boundary[1])
    inside = ok & ~ol & ~orr
    if (ol.any() or orr.any()) and warn_outside:
        warnings.warn(
            "step_bs(): some values are beyond the boundary knots of the training data; the B-spline "
            "basis is extrapolated there and may be ill-conditioned.",
            PytidyWarning,
            stacklevel=4,
        )
    scalef = np.array([float(np.prod(np.arange(1, k + 1))) for k in range(ord_)])
    e = 0.25
    for mask, pivot in ((ol, (1 - e) * boundary[0] + e * aknots[ord_]),
                        (orr, (1 - e) * boundary[1] + e * aknots[aknots.size - ord_ - 1])):
        if mask.any():
            tt = np.vstack([spline_design(aknots, [pivot], ord_, d)[0] for d in range(ord_)])
            xp = (x[mask] - pivot)[:, None] ** np.arange(ord_)
            out[mask] = xp @ (tt / scalef[:, None])
    if inside.any():
        out[inside] = spline_design(aknots, x[inside], ord_)
    return out if intercept else out[:, 1:]


def ns_basis(x: np.ndarray, knots: tuple[float, ...], boundary: tuple[float, float],
             intercept: bool = False) -> np.ndarray:
    """R's ``splines::ns(x, knots =, Boundary.knots =, intercept =)`` basis matrix.

    Cubic B-splines constrained to zero second derivative at the boundary knots (via the QR of
    the constraint matrix, as R), linear beyond them; missing values give NaN rows.
    """
    aknots = np.sort(np.concatenate([np.repeat(boundary, 4), knots]))
    nb = aknots.size - 4
    basis = np.full((x.size, nb), np.nan)
    ok = ~np.isnan(x)
    ol = ok & (x < boundary[0])
    orr = ok & (x > boundary[1])
    inside = ok & ~ol & ~orr
    for mask, pivot in ((ol, boundary[0]), (orr, boundary[1])):
        if mask.any():
            tt = np.vstack([spline_design(aknots, [pivot], 4, d)[0] for d in (0, 1)])
            basis[mask] = np.column_stack([np.ones(mask.sum()), x[mask] - pivot]) @ tt
    if inside.any():
        basis[inside] = spline_design(aknots, x[inside], 4)
    const = spline_design(aknots, np.asarray(boundary), 4, 2)
    if not intercept:
        const = const[:, 1:]
        basis = basis[:, 1:]
    q, _ = qr(const.T)
    return (basis @ q)[:, 2:]


@step_class
class StepBs(Step):
    """Trained state: ``objects``, the knots and boundary knots by column (see :func:`step_bs`)."""

    name: ClassVar[str] = "step_bs"
    description: ClassVar[str] = "B-splines on"

    role: str = "predictor"
    deg_free: Any = field(default=None, validator=is_int(lower=1, allow_none=True))
    degree: Any = field(default=3, validator=is_int(lower=1))
    options: dict[str, Any] = field(factory=dict)
    keep_original_cols: bool = False
    objects: dict[str, tuple[tuple[float, ...], tuple[float, float]]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepBs:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        objects = {c: spline_knots(block[:, j], self.deg_free, self.degree) for j, c in enumerate(cols)}
        return evolve(self, trained=True, columns=cols, objects=objects)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        block = numeric_block(new_data, cols)
        new: dict[str, np.ndarray] = {}
        for j, col in enumerate(cols):
            knots, boundary = self.objects[col]
            mat = bs_basis(block[:, j], knots, boundary, self.degree)
            for name, k in zip(names0(mat.shape[1], ""), range(mat.shape[1])):
                new[f"{col}_bs_{name}"] = np.ascontiguousarray(mat[:, k])
        return append_columns(new_data, new, cols, self.keep_original_cols, self)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def tunable(self) -> dict[str, Any]:
        dials = lambda name: __import__("pytidy.dials", fromlist=[name])  # noqa: E731
        return {
            "deg_free": lambda: dials("spline_degree").spline_degree(range=(1, 15)),
            "degree": lambda: dials("degree_int").degree_int(range=(1, 2)),
        }


@register_step
def step_bs(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", deg_free: Any = None, degree: Any = 3,
            options: dict[str, Any] | None = None, keep_original_cols: bool = False, skip: bool = False,
            id: str | None = None) -> Recipe:
    """Replace numeric columns by B-spline basis columns.

    R: ``step_bs(recipe, ..., role = "predictor", deg_free = NULL, degree = 3, options = list(),
    keep_original_cols = FALSE)`` with ``splines::bs``: boundary knots at the training range,
    ``deg_free - degree`` interior knots at training quantiles (none when ``deg_free`` is None
    or not larger than ``degree``), no intercept column, so ``max(deg_free, degree)`` columns
    ``<var>_bs_1``, ... (zero-padded as R's ``names0``). New values beyond the training range are
    extrapolated as R does, with a warning.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    role : str, default "predictor"
    deg_free : int, tune() or None, default None
        Degrees of freedom; tunable (``dials.spline_degree(range=(1, 15))``).
    degree : int or tune(), default 3
        Polynomial degree of the pieces; tunable (``dials.degree_int(range=(1, 2))``).
    options : dict, optional
        Accepted for R compatibility; must be empty.
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional
        Default ``"bs_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": np.arange(5.0), "x": [0.0, 0.25, 0.5, 0.75, 1.0]})
    >>> recipe("y ~ .", df).step_bs("x").prep().bake(None).round(4)
         y  x_bs_1  x_bs_2  x_bs_3
    0  0.0  0.0000  0.0000  0.0000
    1  1.0  0.4219  0.1406  0.0156
    2  2.0  0.3750  0.3750  0.1250
    3  3.0  0.1406  0.4219  0.4219
    4  4.0  0.0000  0.0000  1.0000
    """
    if deg_free is not None:
        deg_free = check_whole(deg_free, "deg_free", "step_bs()")
    degree = check_whole(degree, "degree", "step_bs()")
    if options:
        raise InvalidParameterError(
            f"step_bs(): `options` {sorted(options)} are not supported; use the main arguments deg_free and degree."
        )
    check_bool(keep_original_cols, "keep_original_cols", "step_bs()")
    check_bool(skip, "skip", "step_bs()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_bs() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepBs(terms=selectors, role=role, deg_free=deg_free, degree=degree, options={},
                                  keep_original_cols=keep_original_cols, skip=skip, id=id))
