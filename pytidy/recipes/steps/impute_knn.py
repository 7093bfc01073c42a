"""step_impute_knn: impute from the nearest training rows by Gower distance (R: ``recipes/R/impute_knn.R``).

The distance is that of R's ``gower`` package (``gower_topn``): numeric variables contribute
``|x - y| / range`` (range over the rows compared, variables of (near) zero range skipped),
nominal ones a mismatch, logical ones Gower's presence/absence rule; each pair of rows is
averaged over the variables both rows have. It is computed in blocks of query rows against all
donor rows with numpy, one vectorised pass per predictor.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool
from ...errors import InvalidParameterError, PytidyWarning
from ...hardhat import is_tune
from ..selectors import Selector, all_predictors
from ._base import (
    Step,
    check_new_data,
    check_trained,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from .impute_linear import as_impute_with, cast_like, fill_rows, impute_var_lists, is_numeric_column
from ._stats import check_whole

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepImputeKnn", "step_impute_knn"]

_OPTION_DEFAULTS = {"nthread": 1, "eps": 1e-08}
#: Entries of the (query block x donors) distance matrix computed at once.
_BLOCK_CELLS = 1 << 22


# ---------------------------------------------------------------------------------------------
# Gower distance (R: gower::gower_topn)


def _encode(query: pd.Series, donors: pd.Series) -> tuple[str, np.ndarray, np.ndarray, bool]:
    """One variable of both frames as arrays: ``(kind, q, d, both_integer)``.

    numeric: float arrays with NaN for missing (and non-finite) values; nominal: integer codes
    with -1 for missing and -2 for values the donors never have; logical: float 0/1/NaN.
    """
    if pd.api.types.is_bool_dtype(donors.dtype):
        return ("logical", query.to_numpy(dtype=np.float64, na_value=np.nan),
                donors.to_numpy(dtype=np.float64, na_value=np.nan), False)
    if is_numeric_column(donors) or pd.api.types.is_datetime64_any_dtype(donors.dtype):
        def num(s: pd.Series) -> np.ndarray:
            if pd.api.types.is_datetime64_any_dtype(s.dtype):
                v = s.to_numpy(dtype="datetime64[ns]")
                out = v.view(np.int64).astype(np.float64)
                out[np.isnat(v)] = np.nan
                return out
            out = s.to_numpy(dtype=np.float64, na_value=np.nan)
            return np.where(np.isfinite(out), out, np.nan)
        both_int = pd.api.types.is_integer_dtype(donors.dtype) and pd.api.types.is_integer_dtype(query.dtype)
        return "numeric", num(query), num(donors), both_int
    d_codes, uniques = pd.factorize(donors.astype(object), use_na_sentinel=True)
    q_values = query.astype(object)
    q_codes = pd.Index(uniques).get_indexer(q_values.to_numpy())
    q_codes = np.where(q_codes < 0, -2, q_codes)
    q_codes[q_values.isna().to_numpy()] = -1
    return "nominal", q_codes.astype(np.int64), d_codes.astype(np.int64), False


def _encode_all(query: pd.DataFrame, donors: pd.DataFrame) -> list[tuple[str, np.ndarray, np.ndarray, bool]]:
    return [_encode(query[c], donors[c]) for c in query.columns]


def _ranges(columns: Sequence[str], encoded: list, eps: float, owner: str | None) -> list[float | None]:
    """Numeric ranges over query and donor rows together (R: ``R_get_xy_range``); None = skipped."""
    out: list[float | None] = []
    for col, (kind, q, d, both_int) in zip(columns, encoded):
        if kind != "numeric":
            out.append(None)
            continue
        both = np.concatenate([q, d])
        rng = float(np.nanmax(both) - np.nanmin(both)) if (~np.isnan(both)).any() else np.nan
        skip = not np.isfinite(rng) or (rng == 0 if both_int else rng < eps)
        if skip and owner is not None:
            warnings.warn(
                f"{owner}: skipping the predictor {col!r} in the Gower distance: its range over the rows "
                "compared is zero or not finite (R: 'skipping variable with zero or non-finite range').",
                PytidyWarning,
                stacklevel=4,
            )
        out.append(None if skip else rng)
    return out


def _gower_block(encoded: list, ranges: list, rows: slice) -> np.ndarray:
    """Distances of the query rows ``rows`` to all donors; one vectorised pass per variable.

    The arithmetic is R's (``1 - sum(s) / sum(d)`` with ``s = 1 - |x - y| / range``), done in
    place; a variable without missing values adds a scalar to the denominator.
    """
    shape = (rows.stop - rows.start, len(encoded[0][2]))
    num = np.zeros(shape)
    den: float | np.ndarray = 0.0
    for (kind, q, d, _), rng in zip(encoded, ranges):
        q = q[rows]
        if kind == "numeric":
            if rng is None:
                continue
            s = np.subtract.outer(q, d)
            np.abs(s, out=s)
            np.divide(s, rng, out=s)
            np.subtract(1.0, s, out=s)
            if np.isnan(q).any() or np.isnan(d).any():
                valid = ~np.isnan(s)
                s[~valid] = 0.0
                num += s
                den = den + valid
            else:
                num += s
                den = den + 1.0
        elif kind == "nominal":
            same = np.equal.outer(q, d)
            if (q == -1).any() or (d == -1).any():
                valid = np.logical_and.outer(q != -1, d != -1)
                same &= valid
                den = den + valid
            else:
                den = den + 1.0
            num += same
        else:
            qt, dt = q == 1.0, d == 1.0
            valid = np.logical_and.outer(~np.isnan(q), ~np.isnan(d)) & np.logical_or.outer(qt, dt)
            num += np.logical_and.outer(qt, dt)
            den = den + valid
    with np.errstate(invalid="ignore", divide="ignore"):
        np.divide(num, den, out=num)
        np.subtract(1.0, num, out=num)
    if isinstance(den, np.ndarray):
        num[den == 0.0] = np.nan
    elif den == 0.0:
        num[:] = np.nan
    return num


def gower_distance(query: pd.DataFrame, donors: pd.DataFrame, eps: float = 1e-8) -> np.ndarray:
    """Gower distances between every row of ``query`` and every row of ``donors`` (same columns).

    R: ``gower::gower_dist`` on all pairs: ``1 - sum(s_k) / sum(d_k)`` over the variables ``k``
    both rows have; numeric similarity ``1 - |x - y| / range`` with the range over both frames
    (a variable whose range is non-finite or below ``eps`` is skipped, with a warning), nominal
    ``x == y``, logical counted only when either is TRUE. Pairs without a common variable get NaN.

    Examples
    --------
    >>> q = pd.DataFrame({"x": [0.0], "g": pd.Categorical(["a"])})
    >>> d = pd.DataFrame({"x": [0.0, 1.0, 2.0], "g": pd.Categorical(["b", "a", None])})
    >>> gower_distance(q, d).round(3).tolist()
    [[0.5, 0.25, 1.0]]
    """
    encoded = _encode_all(query, donors)
    ranges = _ranges(list(query.columns), encoded, eps, "gower_distance()")
    return _gower_block(encoded, ranges, slice(0, len(query)))


def topn_mask(dist: np.ndarray, n: int) -> np.ndarray:
    """Boolean mask of the ``n`` nearest donors of each query row, with R's ``gower_topn`` ties.

    ``gower_topn`` scans the donors in order and keeps a sorted list of ``n``: a donor at the
    same distance as a listed one is inserted before it, except into the last place. So of the
    donors tied at the ``n``-th distance the latest ones are kept, except when a single place is
    left for them, which goes to the last tied donor before the last strictly nearer one (or, if
    none, the first tied donor after it). Donors at NaN distance are never chosen.

    Examples
    --------
    >>> topn_mask(np.array([[0.5, 0.1, 0.5, 0.5, 0.9]]), 3).astype(int).tolist()
    [[0, 1, 1, 1, 0]]
    >>> topn_mask(np.array([[0.5, 0.5, 0.1, 0.5]]), 2).astype(int).tolist()
    [[0, 1, 1, 0]]
    """
    d = np.where(np.isnan(dist), np.inf, dist)
    b, m = d.shape
    finite = np.isfinite(d)
    if m <= n:
        return finite
    kth = np.partition(d, n - 1, axis=1)[:, n - 1 : n]
    less = d < kth
    eq = (d == kth) & finite
    mask = less | eq
    slots = n - less.sum(axis=1)
    crowded = np.flatnonzero(eq.sum(axis=1) > slots)       # more ties than places: R's rule
    if not crowded.size:
        return mask
    lt, tie, sl = less[crowded], eq[crowded], slots[crowded]
    chosen = np.zeros_like(tie)
    # two or more places: the latest ties
    from_right = np.cumsum(tie[:, ::-1], axis=1)[:, ::-1]
    chosen |= tie & (sl >= 2)[:, None] & (from_right <= sl[:, None])
    # exactly one place: see the docstring
    one = np.flatnonzero(sl == 1)
    if one.size:
        cols = np.arange(m)
        lt1, tie1 = lt[one], tie[one]
        last_less = np.where(lt1.any(axis=1), m - 1 - np.argmax(lt1[:, ::-1], axis=1), -1)
        before = tie1 & (cols[None, :] < last_less[:, None])
        has_before = before.any(axis=1)
        pick_before = m - 1 - np.argmax(before[:, ::-1], axis=1)
        after = tie1 & (cols[None, :] > last_less[:, None])
        pick = np.where(has_before, pick_before, np.argmax(after, axis=1))
        ok = has_before | after.any(axis=1)
        chosen[one[ok], pick[ok]] = True
    mask[crowded] = lt | chosen
    return mask


# ---------------------------------------------------------------------------------------------
# the step


def _check_options(options: Any, owner: str) -> dict[str, Any]:
    if not isinstance(options, Mapping):
        raise InvalidParameterError(
            f"`options` in {owner} must be a dict, not {options!r} (R: '`options` must be a list'); "
            "e.g. options={'eps': 1e-8}."
        )
    bad = sorted(set(options) - set(_OPTION_DEFAULTS))
    if bad:
        raise InvalidParameterError(
            f"`options` in {owner} must only contain elements nthread and eps; the following are not "
            f"allowed: {', '.join(map(str, bad))}."
        )
    if "eps" in options and not (isinstance(options["eps"], (int, float)) and options["eps"] > 0):
        raise InvalidParameterError(
            f"`options['eps']` in {owner} must be a positive number; got {options['eps']!r}."
        )
    return dict(options)


@step_class
class StepImputeKnn(Step):
    """Trained state: ``var_lists`` (each column with its predictors) and ``ref_data``, the
    training columns used (see :func:`step_impute_knn`)."""

    name: ClassVar[str] = "step_impute_knn"
    description: ClassVar[str] = "K-nearest neighbor imputation for"

    neighbors: Any = 5
    impute_with: tuple[Selector, ...] = field(factory=lambda: (all_predictors(),), converter=as_impute_with)
    options: dict[str, Any] = field(factory=lambda: dict(_OPTION_DEFAULTS))
    var_lists: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    ref_data: pd.DataFrame | None = field(default=None, eq=False)

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepImputeKnn:
        neighbors = check_whole(self.neighbors, "neighbors", "step_impute_knn()", minimum=1, allow_tune=False)
        options = {**_OPTION_DEFAULTS, **_check_options(self.options, "step_impute_knn()")}
        cols = select_columns(self, info)
        var_lists = impute_var_lists(cols, self.impute_with, info, "step_impute_knn()")
        used = list(dict.fromkeys(c for y, x in var_lists for c in (*x, y)))
        ref = training[used].reset_index(drop=True)
        return evolve(self, trained=True, columns=cols, neighbors=neighbors, options=options,
                      var_lists=var_lists, ref_data=ref)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        needed = list(dict.fromkeys(c for y, x in self.var_lists for c in (y, *x)))
        check_new_data(needed, new_data, self)
        out = new_data
        for col, preds in self.var_lists:
            missing = new_data[col].isna().to_numpy()
            if not missing.any() or not preds:
                continue
            rows = np.flatnonzero(missing)
            query = new_data.iloc[rows][list(preds)]                      # R: predictors before this step
            all_na = query.isna().all(axis=1).to_numpy()
            if all_na.any():
                labels = new_data.index[rows[all_na]].tolist()
                warnings.warn(
                    f"step_impute_knn(): the `impute_with` variables for {col!r} only contain missing values "
                    f"for the row(s) with index {labels}; cannot impute those rows.",
                    PytidyWarning,
                    stacklevel=2,
                )
                rows, query = rows[~all_na], query[~all_na]
                if not len(rows):
                    continue
            values = self._impute(col, preds, query)
            if out is new_data:
                out = new_data.copy(deep=False)
            out = fill_rows(out, col, rows, values)
        return out

    def _impute(self, col: str, preds: Sequence[str], query: pd.DataFrame) -> Any:
        ref = self.ref_data
        donors_ok = ref[col].notna().to_numpy()
        donors = ref.loc[donors_ok, list(preds)]
        target = ref.loc[donors_ok, col]
        numeric = is_numeric_column(ref[col])
        if numeric:
            tvals = target.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            codes, uniques = pd.factorize(target.astype(object), sort=False)
            if isinstance(target.dtype, pd.CategoricalDtype):       # ties go to the first level
                order = [c for c in target.cat.categories if c in set(uniques)]
                uniques = pd.Index(order)
                codes = uniques.get_indexer(target.astype(object).to_numpy())
            else:                                                   # ... or the smallest value
                uniques = pd.Index(sorted(uniques))
                codes = uniques.get_indexer(target.astype(object).to_numpy())
            onehot = np.zeros((len(codes), len(uniques)))
            onehot[np.arange(len(codes)), codes] = 1.0
        eps = float(self.options.get("eps", 1e-8))
        nq, nd = len(query), len(donors)
        out = np.full(nq, np.nan) if numeric else np.empty(nq, dtype=object)
        if nd == 0:
            return out if numeric else np.full(nq, None, dtype=object)
        # ranges over all rows to impute and the donors (as R), then blocks of query rows
        encoded = _encode_all(query, donors)
        ranges = _ranges(list(preds), encoded, eps, "step_impute_knn()")
        step = max(1, _BLOCK_CELLS // nd)
        for start in range(0, nq, step):
            rows = slice(start, min(start + step, nq))
            mask = topn_mask(_gower_block(encoded, ranges, rows), int(self.neighbors)).astype(np.float64)
            counts = mask.sum(axis=1)
            if numeric:
                with np.errstate(invalid="ignore", divide="ignore"):
                    out[rows] = (mask @ tvals) / counts
            else:
                best = np.argmax(mask @ onehot, axis=1)
                vals = np.asarray(uniques, dtype=object)[best]
                vals[counts == 0] = None
                out[rows] = vals
        return cast_like(out, ref[col]) if numeric else out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                              predictors=pd.Series([None] * len(terms), dtype=object),
                              neighbors=pd.Series([self.neighbors] * len(terms), dtype=object))
        rows = [(y, x) for y, preds in self.var_lists for x in preds]
        return tidy_frame(self, terms=pd.Series([r[0] for r in rows], dtype=object),
                          predictors=pd.Series([r[1] for r in rows], dtype=object),
                          neighbors=pd.Series([self.neighbors] * len(rows), dtype=object))

    def tunable(self) -> dict[str, Any]:
        dials = lambda: __import__("pytidy.dials", fromlist=["neighbors"])  # noqa: E731
        return {"neighbors": lambda: dials().neighbors(range=(1, 10))}


@register_step
def step_impute_knn(recipe: Recipe, *selectors: Selector | str, neighbors: Any = 5, impute_with: Any = all_predictors(),
                    options: Mapping[str, Any] | None = None, skip: bool = False,
                    id: str | None = None) -> Recipe:
    """Impute missing values from the ``neighbors`` nearest training rows (Gower distance).

    R: ``step_impute_knn(recipe, ..., neighbors = 5, impute_with = all_predictors(), options =
    list(nthread = 1, eps = 1e-08))``. The training rows where the column is present are the
    donors; distances use the ``impute_with`` columns (never the column itself) as R's
    ``gower::gower_topn`` (see :func:`gower_distance`, ties as :func:`topn_mask`). A numeric
    column gets the mean of its neighbours' values (rounded for integer columns), a nominal one
    their most common value. R draws at random among tied modes; pytidy takes the first level
    (smallest value), so results are reproducible. Rows whose predictors are all missing are left
    missing, with a warning. ``options["nthread"]`` is accepted for R compatibility and ignored
    (numpy); ``options["eps"]``: numeric ranges below it are treated as zero.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Columns to impute (any type).
    neighbors : int >= 1 or tune(), default 5
        Tunable (``dials.neighbors``, range 1 to 10).
    impute_with : Selector, str or list of them, default ``all_predictors()``
    options : dict, optional
        ``nthread`` and ``eps``; missing entries get R's defaults ``1`` and ``1e-8`` at prep.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Raises
    ------
    InvalidParameterError
        ``neighbors`` not a whole number >= 1; ``options`` not a dict or with other entries;
        ``impute_with`` None, or (at prep) selecting nothing.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "a": [1.0, 1.1, 5.0, 5.2, None, 9.0],
    ...                    "b": [1.0, 1.2, 5.1, 5.0, 5.05, 9.0]})
    >>> prepped = recipe("y ~ .", df).step_impute_knn("a", neighbors=2).prep()
    >>> float(prepped.bake(None)["a"][4])     # mean of a at the rows with b = 5.1 and 5.0
    5.1
    >>> prepped.tidy(1)
      terms predictors neighbors            id
    0     a          b         2  impute_knn_1
    """
    if not is_tune(neighbors):
        neighbors = check_whole(neighbors, "neighbors", "step_impute_knn()", minimum=1, allow_tune=False)
    impute_with = as_impute_with(impute_with, "step_impute_knn()")
    options = _check_options({} if options is None else options, "step_impute_knn()")
    check_bool(skip, "skip", "step_impute_knn()")
    return recipe.add_step(StepImputeKnn(terms=selectors, neighbors=neighbors, impute_with=impute_with,
                                         options=options, skip=skip, id=id))
