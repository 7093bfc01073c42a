"""step_lincomb: remove exact linear combinations of other columns (R: ``recipes/R/lincomb.R``).

Also home of :func:`qr_pivot`, R's ``qr()`` (LINPACK ``dqrdc2`` with limited column pivoting and
tolerance ``1e-7``), which ``step_impute_linear`` uses to fit ``lm`` as R does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, is_int
from ...errors import InvalidParameterError
from ._base import FilterStep, check_type, register_step, select_columns, step_class
from ._stats import numeric_block
from ._stats import check_whole

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepLincomb", "step_lincomb"]

#: R's default ``tol`` of ``qr()`` and ``lm()``.
QR_TOL = 1e-7


def qr_pivot(x: np.ndarray, tol: float = QR_TOL) -> tuple[int, np.ndarray]:
    """Rank and pivot of R's ``qr(x, tol)`` (LINPACK ``dqrdc2``).

    Householder QR in which a column whose remaining norm has fallen below ``tol`` times its
    original norm is moved to the right-hand end; the first ``rank`` entries of ``pivot`` are the
    columns kept, in their original order, the rest the (near) linear combinations of earlier
    columns. One pass over the columns; each Householder reflection is applied to all remaining
    columns at once.

    R: ``qr(x)$rank`` and ``qr(x)$pivot`` (0-based here).

    Parameters
    ----------
    x : (n, p) array
    tol : float, default 1e-7

    Returns
    -------
    rank : int
    pivot : (p,) int array

    Examples
    --------
    >>> x = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, 1.0], [1.0, 5.0, 6.0], [1.0, 1.0, 2.0]])
    >>> qr_pivot(x)                       # column 3 = column 1 + column 2
    (2, array([0, 1, 2]))
    >>> qr_pivot(x[:, [2, 0, 1]])
    (2, array([0, 1, 2]))
    >>> qr_pivot(np.column_stack([x[:, 0], 2 * x[:, 0], x[:, 1]]))
    (2, array([0, 2, 1]))
    """
    a = np.array(x, dtype=np.float64, order="F", copy=True)
    n, p = a.shape
    pivot = np.arange(p)
    if n == 0 or p == 0:
        return 0, pivot
    qraux = np.sqrt(np.einsum("ij,ij->j", a, a))   # current norms of the reduced columns
    orig = qraux.copy()                             # work(, 1): norms at the last re-computation
    ref = np.where(qraux == 0.0, 1.0, qraux)        # work(, 2): original norms (0 -> 1)
    k = p  # columns 0..k-1 not (yet) moved to the end
    for lcol in range(min(n, p)):
        # move negligible columns to the end (R: "limited column pivoting")
        while lcol < k and qraux[lcol] < ref[lcol] * tol:
            order = np.r_[np.arange(lcol), np.arange(lcol + 1, p), lcol]
            a = a[:, order]
            pivot, qraux, orig, ref = pivot[order], qraux[order], orig[order], ref[order]
            k -= 1
        if lcol == n - 1:
            continue
        col = a[lcol:, lcol]
        nrmxl = np.sqrt(col @ col)
        if nrmxl == 0.0:
            continue
        if col[0] != 0.0:
            nrmxl = np.copysign(nrmxl, col[0])
        col = col / nrmxl
        col[0] += 1.0
        a[lcol:, lcol] = col
        if lcol + 1 < p:
            rest = a[lcol:, lcol + 1 :]
            t = -(col @ rest) / col[0]
            rest += np.outer(col, t)
            a[lcol:, lcol + 1 :] = rest
            nz = qraux[lcol + 1 :] != 0.0
            tt = np.ones_like(t)
            tt[nz] = np.maximum(1.0 - (np.abs(rest[0, nz]) / qraux[lcol + 1 :][nz]) ** 2, 0.0)
            upd = nz & (np.abs(tt) >= 1e-6)
            recompute = nz & ~upd
            q = qraux[lcol + 1 :]
            q[upd] = q[upd] * np.sqrt(tt[upd])
            if recompute.any():
                sub = rest[1:, recompute]
                q[recompute] = np.sqrt(np.einsum("ij,ij->j", sub, sub))
                o = orig[lcol + 1 :]
                o[recompute] = q[recompute]
        qraux[lcol] = col[0]
        a[lcol, lcol] = -nrmxl
    rank = min(k, n)
    return int(rank), pivot


def recommend_rm(x: np.ndarray) -> list[int]:
    """Positions of the columns ``qr()`` pivots out (R: ``recipes:::recommend_rm``)."""
    rank, pivot = qr_pivot(x)
    return [int(j) for j in pivot[rank:]] if rank < x.shape[1] else []


def iter_lc_rm(x: np.ndarray, names: list[str], max_steps: int) -> tuple[str, ...]:
    """Repeatedly drop the pivoted-out columns (R: ``recipes:::iter_lc_rm``).

    R runs ``max_steps - 1`` removal rounds (its loop breaks when ``i == max_steps``).
    """
    keep = list(range(len(names)))
    if not keep:
        return ()
    for i in range(1, max_steps + 1):
        if i == max_steps:
            break
        drop = recommend_rm(x[:, keep])
        if not drop:
            break
        dropped = {keep[j] for j in drop}
        keep = [j for j in keep if j not in dropped]
    kept = set(keep)
    return tuple(n for j, n in enumerate(names) if j not in kept)


@step_class
class StepLincomb(FilterStep):
    """Trained state: ``removals``, the columns dropped (see :func:`step_lincomb`)."""

    name: ClassVar[str] = "step_lincomb"
    description: ClassVar[str] = "Linear combination filter on"
    removed_label: ClassVar[str] = "Linear combination filter removed"

    max_steps: int = field(default=5, validator=is_int(lower=1, allow_tune=False))

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepLincomb:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        bad = [c for j, c in enumerate(cols) if not np.isfinite(block[:, j]).all()]
        if bad:
            raise InvalidParameterError(
                f"step_lincomb(): the column(s) {bad} have missing or infinite values, so the QR "
                "decomposition cannot be computed (R: 'NA/NaN/Inf in foreign function call'). "
                "Impute them first (e.g. step_impute_mean()) or leave them out of the selection."
            )
        removals = iter_lc_rm(block, list(cols), self.max_steps)
        return evolve(self, trained=True, columns=cols, removals=removals)


@register_step
def step_lincomb(recipe: Recipe, *selectors: Selector | str, max_steps: int = 5, skip: bool = False,
                 id: str | None = None) -> Recipe:
    """Remove numeric columns that are exact linear combinations of other selected columns.

    R: ``step_lincomb(recipe, ..., max_steps = 5)`` (``caret::findLinearCombos`` by QR): the
    columns that R's ``qr()`` (tolerance ``1e-7``, limited pivoting) moves behind the rank are
    removed, and the check repeats on what is left; as in R, at most ``max_steps - 1`` rounds
    run. Of two identical columns the later one is removed. At bake the removed columns are
    dropped where present.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Numeric (double or integer) columns without missing values.
    max_steps : int >= 1, default 5
        Bound on the removal rounds.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Raises
    ------
    InvalidParameterError
        ``max_steps`` not a whole number >= 1; at prep, a selected column that is not numeric or
        has missing values.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> df = pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "a": [1.0, 2, 0, 4, 3], "b": [2.0, 1, 1, 3, 5]})
    >>> df["c"] = df["a"] + 2 * df["b"]
    >>> prepped = recipe("y ~ .", df).step_lincomb(all_predictors()).prep()
    >>> prepped.bake(None).columns.tolist()
    ['a', 'b', 'y']
    >>> prepped.tidy(1)
      terms          id
    0     c  lincomb_1
    """
    max_steps = check_whole(max_steps, "max_steps", "step_lincomb()", minimum=1, allow_tune=False)
    check_bool(skip, "skip", "step_lincomb()")
    return recipe.add_step(StepLincomb(terms=selectors, max_steps=max_steps, skip=skip, id=id))
