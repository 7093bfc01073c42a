"""step_pls: partial least squares feature extraction (R: ``recipes/R/pls.R``, ``mixOmics::pls``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_int, is_number
from ...errors import InvalidParameterError
from ...hardhat import is_tune
from ..selectors import Selector, as_selector, eval_select
from ._base import (
    Step,
    check_new_data,
    check_new_names,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import numeric_block, project_columns
from ._stats import names0

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepPls", "step_pls"]

_OWNER = "step_pls()"


def _as_outcome(value: Any) -> tuple[Selector, ...]:
    if value is None:
        raise InvalidParameterError(
            f"`outcome` in {_OWNER} must not be None (R: '`outcome` must not be `NULL`'); "
            "name the outcome column(s), e.g. outcome='y' or outcome=all_outcomes()."
        )
    if isinstance(value, (str, Selector)):
        value = (value,)
    if not isinstance(value, (list, tuple)) or not value:
        raise InvalidParameterError(
            f"`outcome` in {_OWNER} must be a selector, a column name or a non-empty list of them; "
            f"got {value!r}."
        )
    return tuple(as_selector(v) for v in value)


def keep_x(predictor_prop: float, p: int) -> int:
    """Number of predictors kept per component (R: ``recipes:::prop2int``; at least 1).

    Examples
    --------
    >>> keep_x(3 / 5, 5), keep_x(1.0, 5), keep_x(0.0, 5)
    (3, 5, 1)
    """
    prop = min(max(float(predictor_prop), 1e-5), 1.0)
    return int(min(p, max(1, math.ceil(prop * p))))


def _soft_threshold(a: np.ndarray, n_zero: int) -> np.ndarray:
    """mixOmics ``soft_thresholding_L1``: zero the ``n_zero`` smallest ``|a|`` (ties by max rank)
    and shrink the others by the largest zeroed magnitude."""
    if n_zero <= 0:
        return a
    absa = np.abs(a)
    rank_max = np.searchsorted(np.sort(absa), absa, side="right")
    zero = rank_max <= n_zero
    if not zero.any():
        return a
    return np.where(zero, 0.0, np.sign(a) * (absa - absa[zero].max()))


def pls_nipals(x: np.ndarray, y: np.ndarray, ncomp: int, keep: int, tol: float = 1e-6,
               max_iter: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """(s)PLS in mixOmics' regression mode on already centred/scaled ``x`` (n, p) and ``y`` (n, q).

    Returns ``(rotation, weights)``: ``rotation`` (p, ncomp) maps ``x`` to the X variates
    (``x @ rotation`` = the training scores; mixOmics ``W (P'W)^-1`` times the squared variate
    norms, as recipes' ``butcher_pls``), ``weights`` the unit loading vectors ``a_h``.

    Each component starts from the first singular vectors of ``X_h'Y_h`` (mixOmics ``init="svd"``)
    and alternates ``a <- X'(Y b)`` (soft-thresholded to ``keep`` non-zeros, unit norm) and
    ``b <- Y'(X a)`` (unit norm) until ``sum((a - a_old)^2) < tol``; then both blocks are deflated
    on ``t = X a`` (regression mode).
    """
    n, p = x.shape
    xh, yh = x.copy(), y.copy()
    weights = np.zeros((p, ncomp))
    scores = np.zeros((n, ncomp))
    n_zero = p - keep
    for h in range(ncomp):
        u, _, vt = np.linalg.svd(xh.T @ yh, full_matrices=False)
        a, b = u[:, 0], vt[0]
        for _ in range(max_iter):
            a_old = a
            a = _soft_threshold(xh.T @ (yh @ b), n_zero)
            a = a / np.linalg.norm(a)
            b = yh.T @ (xh @ a)
            b = b / np.linalg.norm(b)
            if np.sum((a - a_old) ** 2) < tol:
                break
        t = xh @ a
        tt = t @ t
        if tt <= 0 or not np.isfinite(tt):
            raise InvalidParameterError(
                f"{_OWNER}: component {h + 1} has zero variance (the predictors are exhausted); "
                f"use num_comp <= {h}."
            )
        xh -= np.outer(t, xh.T @ t / tt)
        yh -= np.outer(t, yh.T @ t / tt)
        weights[:, h] = a
        scores[:, h] = t
    loadings = x.T @ scores                                   # P = X'T (recipes' butcher_pls)
    coefs = weights @ np.linalg.inv(loadings.T @ weights)
    return coefs * np.sum(scores**2, axis=0), weights


@step_class
class StepPls(Step):
    """Trained state: ``rotation`` (column -> coefficients per component), ``means``, ``sds``."""

    name: ClassVar[str] = "step_pls"
    description: ClassVar[str] = "PLS feature extraction with"

    role: str = "predictor"
    num_comp: Any = field(default=2, validator=is_int(lower=0))
    predictor_prop: Any = field(default=1.0, validator=is_number(lower=0, upper=1))
    outcome: tuple[Selector, ...] = field(default=(), converter=lambda v: tuple(as_selector(s) for s in v))
    scale: bool = True
    tol: float = 1e-6
    max_iter: int = 100
    prefix: str = "PLS"
    keep_original_cols: bool = False
    outcome_names: tuple[str, ...] | None = None
    rotation: dict[str, tuple[float, ...]] | None = None
    means: dict[str, float] | None = None
    sds: dict[str, float] | None = None
    n_comp: int | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepPls:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        y_names = tuple(eval_select(self.outcome, info))
        if not y_names:
            raise InvalidParameterError(
                f"{_OWNER}: `outcome` ({', '.join(repr(s) for s in self.outcome)}) selected no columns; "
                "name a column of the data, e.g. outcome='y'."
            )
        overlap = sorted(set(y_names) & set(cols))
        if overlap:
            raise InvalidParameterError(
                f"{_OWNER}: the column(s) {overlap} are both predictors and `outcome`; "
                "select predictors with all_numeric_predictors() so the outcome is left out."
            )
        k = 0 if self.num_comp == 0 else min(int(self.num_comp), len(cols))
        if k == 0:
            return evolve(self, trained=True, columns=cols, outcome_names=y_names, rotation={}, means={},
                          sds={}, n_comp=0)
        x = numeric_block(training, cols)
        y = self._outcome_matrix(training, y_names)
        bad = [c for j, c in enumerate(cols) if np.isnan(x[:, j]).any()] + \
              [c for c in y_names if training[c].isna().any()]
        if bad:
            raise InvalidParameterError(
                f"{_OWNER}: the column(s) {bad} have missing values; impute them first "
                "(e.g. step_impute_mean()) or remove the rows (step_naomit())."
            )
        means = x.mean(axis=0)
        x -= means
        y = y - y.mean(axis=0)
        sds = np.ones(len(cols))
        if self.scale:
            sds = x.std(axis=0, ddof=1)
            ysd = y.std(axis=0, ddof=1)
            zero = [c for c, s in zip(cols, sds) if not s > 0]
            if zero or not (ysd > 0).all():
                what = f"the predictor(s) {zero}" if zero else f"the outcome {list(y_names)}"
                raise InvalidParameterError(
                    f"{_OWNER}: cannot scale {what} to unit variance (zero variance). "
                    "Remove constant predictors first with step_zv()."
                )
            x /= sds
            y = y / ysd
        rotation, _ = pls_nipals(x, y, k, keep_x(self.predictor_prop, len(cols)), self.tol, self.max_iter)
        return evolve(
            self, trained=True, columns=cols, outcome_names=y_names,
            rotation={c: tuple(rotation[j].tolist()) for j, c in enumerate(cols)},
            means=dict(zip(cols, means.tolist())),
            sds=dict(zip(cols, sds.tolist())) if self.scale else {},
            n_comp=k,
        )

    @staticmethod
    def _outcome_matrix(training: pd.DataFrame, y_names: tuple[str, ...]) -> np.ndarray:
        numeric = [pd.api.types.is_numeric_dtype(training[c]) and not pd.api.types.is_bool_dtype(training[c])
                   for c in y_names]
        if all(numeric):
            return numeric_block(training, list(y_names))
        if len(y_names) > 1:
            raise InvalidParameterError(
                f"{_OWNER}: only multivariate models for numeric outcomes are supported; the outcomes "
                f"{list(y_names)} include a non-numeric column. Use one factor outcome (PLS-DA) "
                "or numeric ones."
            )
        # R: a factor outcome gives mixOmics::plsda, i.e. PLS on the indicator matrix of its levels
        codes = pd.Categorical(training[y_names[0]])
        present = np.unique(codes.codes[codes.codes >= 0])
        return (codes.codes[:, None] == present[None, :]).astype(float)

    def _names(self) -> list[str]:
        return names0(self.n_comp, self.prefix)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols or self.n_comp == 0:
            return new_data
        names = self._names()
        kept = new_data.columns if self.keep_original_cols else new_data.columns.difference(cols)
        check_new_names(kept, names, self)
        return project_columns(new_data, cols, self.means, self.sds, self.rotation, names, self.keep_original_cols)

    def tidy(self) -> pd.DataFrame:
        """``terms, value, component, id``: per predictor, its coefficient on each component (R)."""
        if not self.trained or not self.n_comp:
            terms = untrained_terms(self) if not self.trained else list(self.columns)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=[np.nan] * len(terms),
                              component=pd.Series([None] * len(terms), dtype=object))
        names = self._names()
        terms = [c for c in self.columns for _ in names]
        values = [v for c in self.columns for v in self.rotation[c]]
        comps = [nm for _ in self.columns for nm in names]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=pd.Series(values, dtype=float),
                          component=pd.Series(comps, dtype=object))

    def tunable(self):
        def num_comp():
            from pytidy.dials import num_comp as dials_num_comp

            return dials_num_comp(range=(1, 4))

        def predictor_prop():
            from pytidy.dials import predictor_prop as dials_predictor_prop

            return dials_predictor_prop()

        return {"num_comp": num_comp, "predictor_prop": predictor_prop}


@register_step
def step_pls(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", num_comp: int = 2,
             predictor_prop: float = 1.0, outcome: Any = None, options: dict[str, Any] | None = None,
             prefix: str = "PLS", keep_original_cols: bool = False, skip: bool = False,
             id: str | None = None) -> Recipe:
    """Replace numeric predictors by partial least squares components supervised by ``outcome``.

    R: ``step_pls(recipe, ..., role = "predictor", num_comp = 2, predictor_prop = 1, outcome = NULL,
    options = list(scale = TRUE), prefix = "PLS", keep_original_cols = FALSE)``, which fits
    ``mixOmics::pls`` (numeric outcomes) or ``mixOmics::plsda`` (one factor outcome, as PLS on the
    indicator matrix of its levels), or their sparse versions ``spls``/``splsda`` when
    ``predictor_prop < 1`` (each component keeps ``ceil(predictor_prop * p)`` predictors by
    mixOmics' soft-thresholding). Predictors and outcomes are centred and, with
    ``options={"scale": True}`` (the default), scaled to unit standard deviation; components come
    from NIPALS in regression mode (X and Y deflated on the X variates), started at the first
    singular vectors of ``X'Y`` (mixOmics ``init = "svd"``, ``tol = 1e-06``, ``max.iter = 100``).
    The new columns ``names0(num_comp, prefix)`` (``PLS1``, ``PLS2``) are the X variates: on the
    training data they equal mixOmics' ``variates$X``. Component signs follow LAPACK's SVD as in
    R and may differ by a factor -1. ``num_comp`` is capped at the number of predictors; 0 keeps
    the data unchanged. ``num_comp`` (dials ``num_comp(c(1, 4))``) and ``predictor_prop``
    (dials ``predictor_prop()``) are tunable. ``tidy()`` has ``terms, value, component, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer predictors without missing values.
    role : str, default "predictor"
    num_comp : int or tune(), default 2
    predictor_prop : float in [0, 1] or tune(), default 1
        The proportion of predictors with a non-zero coefficient in each component.
    outcome : str, Selector or list of them
        Required: one factor, or one or more numeric columns.
    options : dict, optional
        ``{"scale": bool, "tol": float, "max_iter": int}`` (R: ``scale``, ``tol``, ``max.iter``).
    prefix : str, default "PLS"
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe, all_numeric_predictors
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame(rng.normal(size=(40, 4)), columns=["a", "b", "c", "d"])
    >>> df["y"] = df["a"] - df["b"] + rng.normal(scale=0.1, size=40)
    >>> rec = recipe("y ~ .", df).step_pls(all_numeric_predictors(), outcome="y")
    >>> baked = rec.prep().bake(None)
    >>> baked.columns.tolist()
    ['y', 'PLS1', 'PLS2']
    >>> bool(abs(np.corrcoef(baked["PLS1"], baked["y"])[0, 1]) > 0.9)
    True
    """
    outcome = _as_outcome(outcome)
    if not is_tune(num_comp):
        num_comp = check_number(num_comp, "num_comp", _OWNER, lower=0, integer=True)
    if not is_tune(predictor_prop):
        predictor_prop = float(check_number(predictor_prop, "predictor_prop", _OWNER, lower=0, upper=1))
    options = {"scale": True} if options is None else dict(options)
    renamed = {"max.iter": "max_iter"}
    options = {renamed.get(k, k): v for k, v in options.items()}
    unknown = sorted(set(options) - {"scale", "tol", "max_iter"})
    if unknown:
        raise InvalidParameterError(
            f"{_OWNER}: unknown `options` {unknown}; allowed are 'scale', 'tol' and 'max_iter' "
            "(R: mixOmics' scale, tol, max.iter)."
        )
    scale = check_bool(options.get("scale", True), "options['scale']", _OWNER)
    tol = float(check_number(options.get("tol", 1e-6), "options['tol']", _OWNER, lower=0,
                             inclusive=(False, True)))
    max_iter = int(check_number(options.get("max_iter", 100), "options['max_iter']", _OWNER, lower=1,
                                integer=True))
    if not isinstance(prefix, str) or not prefix:
        raise InvalidParameterError(f"`prefix` in {_OWNER} must be a non-empty string; got {prefix!r}.")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in {_OWNER} must be a non-empty string; got {role!r}.")
    check_bool(keep_original_cols, "keep_original_cols", _OWNER)
    check_bool(skip, "skip", _OWNER)
    return recipe.add_step(StepPls(terms=selectors, role=role, num_comp=num_comp,
                                   predictor_prop=predictor_prop, outcome=outcome, scale=scale, tol=tol,
                                   max_iter=max_iter, prefix=prefix,
                                   keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
