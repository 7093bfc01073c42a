"""step_ica: independent component analysis signal extraction (R: ``recipes/R/ica.R``, ``fastICA``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, check_number, is_int
from ..._random import as_rng, draw_seed
from ...errors import InvalidParameterError
from ...hardhat import is_tune
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
    from ..selectors import Selector

__all__ = ["StepIca", "step_ica"]

_OWNER = "step_ica()"
_DEFAULTS = {"alg_typ": "parallel", "fun": "logcosh", "alpha": 1.0, "maxit": 200, "tol": 1e-4}


def _sym_decorrelation(w: np.ndarray) -> np.ndarray:
    """``W <- (W W')^(-1/2) W`` via the SVD of ``W`` (fastICA's ``u diag(1/d) u' W``)."""
    u, d, _ = np.linalg.svd(w)
    return (u / d) @ u.T @ w


def fast_ica(x: np.ndarray, n_comp: int, rng: np.random.Generator, *, alg_typ: str = "parallel",
             fun: str = "logcosh", alpha: float = 1.0, maxit: int = 200,
             tol: float = 1e-4) -> tuple[np.ndarray, np.ndarray, int]:
    """R's ``fastICA()`` on centred ``x`` (n, p); returns ``(K, W, iterations)``.

    ``K`` (p, n_comp) is the pre-whitening matrix (eigenvectors of ``X'X / n`` over the square
    roots of the eigenvalues) and ``W`` (n_comp, n_comp) the unmixing matrix, so the components are
    ``x @ K @ W`` (fastICA's ``S``). The start ``w.init`` is an ``n_comp x n_comp`` standard normal
    matrix drawn from ``rng`` (R: ``matrix(rnorm(n.comp^2))``). ``fun`` is ``"logcosh"``
    (``G(u) = log cosh(alpha u) / alpha``) or ``"exp"`` (``G(u) = -exp(-u^2/2)``); iterations stop
    when ``max |abs(diag(W_new W')) - 1| < tol`` or after ``maxit`` updates.
    """
    n, _ = x.shape
    u, d, _ = np.linalg.svd(x.T @ x / n, full_matrices=False)
    if not d[n_comp - 1] > 1e-12 * max(d[0], 1e-300):
        raise InvalidParameterError(
            f"{_OWNER}: the selected columns have fewer than {n_comp} linearly independent directions, "
            "so they cannot be whitened. Lower num_comp, or remove constant/collinear columns first "
            "(step_zv(), step_lincomb())."
        )
    k = u[:, :n_comp] / np.sqrt(d[:n_comp])              # t(K) of R, (p, n_comp)
    z = (x @ k).T                                         # whitened data, (n_comp, n)
    w = rng.standard_normal((n_comp, n_comp)).T           # R fills matrix(rnorm(.)) by column

    def g(wx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if fun == "logcosh":
            gwx = np.tanh(alpha * wx)
            return gwx, alpha * (1.0 - gwx**2)
        ex = np.exp(-(wx**2) / 2.0)
        return wx * ex, (1.0 - wx**2) * ex

    it = 0
    if alg_typ == "parallel":
        w = _sym_decorrelation(w)
        lim = np.inf
        while lim > tol and it < maxit - 1:  # R: it starts at 1, stops at maxit
            gwx, dg = g(w @ z)
            w1 = _sym_decorrelation(gwx @ z.T / n - dg.mean(axis=1)[:, None] * w)
            lim = np.max(np.abs(np.abs(np.einsum("ij,ij->i", w1, w)) - 1.0))
            w = w1
            it += 1
    else:  # deflation: one component at a time, Gram-Schmidt against the found ones
        out = np.zeros((n_comp, n_comp))
        for i in range(n_comp):
            wi = w[i] / np.linalg.norm(w[i])
            if i:
                wi -= out[:i].T @ (out[:i] @ wi)
                wi /= np.linalg.norm(wi)
            lim, j = np.inf, 0
            while lim > tol and j < maxit - 1:
                gwx, dg = g(wi @ z)
                w1 = z @ gwx / n - dg.mean() * wi
                if i:
                    w1 -= out[:i].T @ (out[:i] @ w1)
                w1 /= np.linalg.norm(w1)
                lim = abs(abs(w1 @ wi) - 1.0)
                wi = w1
                j += 1
            out[i] = wi
            it = max(it, j)
        w = out
    return k, w.T, it


@step_class
class StepIca(Step):
    """Trained state: ``loadings`` (column -> weights per component, ``K W``) and ``means``."""

    name: ClassVar[str] = "step_ica"
    description: ClassVar[str] = "ICA extraction with"

    role: str = "predictor"
    num_comp: Any = field(default=5, validator=is_int(lower=0))
    alg_typ: str = "parallel"
    fun: str = "logcosh"
    alpha: float = 1.0
    maxit: int = 200
    tol: float = 1e-4
    seed: int = 0
    prefix: str = "IC"
    keep_original_cols: bool = False
    loadings: dict[str, tuple[float, ...]] | None = None
    means: dict[str, float] | None = None
    n_comp: int | None = None
    iterations: int | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepIca:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        k = 0 if self.num_comp == 0 else min(int(self.num_comp), len(cols), len(training))
        if k == 0:
            return evolve(self, trained=True, columns=cols, loadings={}, means={}, n_comp=0, iterations=0)
        x = numeric_block(training, cols)
        bad = [c for j, c in enumerate(cols) if np.isnan(x[:, j]).any()]
        if bad:
            raise InvalidParameterError(
                f"{_OWNER}: the column(s) {bad} have missing values; fastICA cannot use them. "
                "Impute them first, e.g. with step_impute_mean()."
            )
        means = x.mean(axis=0)
        x -= means
        kmat, wmat, it = fast_ica(x, k, as_rng(self.seed), alg_typ=self.alg_typ, fun=self.fun,
                                  alpha=self.alpha, maxit=self.maxit, tol=self.tol)
        loadings = kmat @ wmat
        return evolve(self, trained=True, columns=cols,
                      loadings={c: tuple(loadings[j].tolist()) for j, c in enumerate(cols)},
                      means=dict(zip(cols, means.tolist())), n_comp=k, iterations=it)

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
        return project_columns(new_data, cols, self.means, None, self.loadings, names, self.keep_original_cols)

    def tidy(self) -> pd.DataFrame:
        """``terms, component, value, id``, sorted by ``terms`` then ``component`` (R)."""
        if not self.trained:
            terms = sorted(untrained_terms(self))
            comps = [] if is_tune(self.num_comp) else names0(self.num_comp, self.prefix)
            rows = [(t, c) for t in terms for c in comps] if comps else [(t, None) for t in terms]
            return tidy_frame(self, terms=pd.Series([r[0] for r in rows], dtype=object),
                              component=pd.Series([r[1] for r in rows], dtype=object),
                              value=[np.nan] * len(rows))
        if not self.n_comp:
            terms = sorted(self.columns)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object),
                              component=pd.Series([None] * len(terms), dtype=object),
                              value=[np.nan] * len(terms))
        names = self._names()
        triples = sorted((c, nm, self.loadings[c][j]) for c in self.columns for j, nm in enumerate(names))
        return tidy_frame(self, terms=pd.Series([r[0] for r in triples], dtype=object),
                          component=pd.Series([r[1] for r in triples], dtype=object),
                          value=pd.Series([r[2] for r in triples], dtype=float))

    def tunable(self):
        def num_comp():
            from pytidy.dials import num_comp as dials_num_comp

            return dials_num_comp(range=(1, 4))

        return {"num_comp": num_comp}

    def __repr__(self) -> str:
        text = super().__repr__()
        if self.trained and self.n_comp == 0:
            return text.replace(self.description, "No ICA components were extracted from", 1)
        return text


@register_step
def step_ica(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", num_comp: int = 5,
             options: dict[str, Any] | None = None, seed: int | None = None, prefix: str = "IC",
             keep_original_cols: bool = False, skip: bool = False, id: str | None = None) -> Recipe:
    """Replace numeric columns by independent components (FastICA).

    R: ``step_ica(recipe, ..., role = "predictor", num_comp = 5, options = list(method = "C"),
    seed = sample.int(10000, 5), prefix = "IC", keep_original_cols = FALSE)``, which runs
    ``fastICA::fastICA(X, n.comp = num_comp)`` with its defaults: ``alg.typ = "parallel"``,
    ``fun = "logcosh"``, ``alpha = 1``, ``maxit = 200``, ``tol = 1e-04``, ``row.norm = FALSE``. The
    columns are centred (not scaled: normalize first), whitened by the eigen decomposition of
    ``X'X / n`` and unmixed by the symmetric FastICA fixed-point iteration; the new columns
    ``names0(num_comp, prefix)`` (``IC1``..``IC5``) are ``(x - means) %*% K %*% W`` as in R.
    Knowingly different: R draws the starting unmixing matrix ``w.init = matrix(rnorm(n.comp^2))``
    from R's generator; here it is drawn from ``numpy.random.default_rng(seed)``, so components
    agree with R's only up to order and sign (ICA identifies them only up to those). ``seed=None``
    draws an integer seed when the step is created (from the generator of
    :func:`pytidy.set_seed`), so preparing the same recipe twice gives the same components (R draws
    ``seed`` at creation too). ``num_comp`` is capped at the number of columns; 0 keeps the data
    unchanged. ``num_comp`` is tunable (dials ``num_comp(c(1, 4))``). ``tidy()`` has
    ``terms, component, value, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns without missing values.
    role : str, default "predictor"
    num_comp : int or tune(), default 5
    options : dict, optional
        fastICA's ``{"alg_typ": "parallel" | "deflation", "fun": "logcosh" | "exp", "alpha": 1.0,
        "maxit": 200, "tol": 1e-4}`` (R spellings ``alg.typ`` and R's ``method`` are accepted;
        ``method`` only chose R or C code and has no effect).
    seed : int, optional
        Seed of the random starting matrix.
    prefix : str, default "IC"
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
    >>> rng = np.random.default_rng(1)
    >>> sources = np.column_stack([np.sign(np.sin(np.linspace(0, 20, 500))), rng.uniform(-1, 1, 500)])
    >>> mixed = sources @ np.array([[1.0, 0.5], [0.4, 1.0]])
    >>> df = pd.DataFrame(mixed, columns=["a", "b"]).assign(y=rng.normal(size=500))
    >>> baked = recipe("y ~ .", df).step_ica(all_numeric_predictors(), num_comp=2, seed=1).prep().bake(None)
    >>> baked.columns.tolist()
    ['y', 'IC1', 'IC2']
    >>> corr = np.abs(np.corrcoef(baked[["IC1", "IC2"]].T, sources.T)[:2, 2:])
    >>> bool((corr.max(axis=1) > 0.99).all())
    True
    """
    if not is_tune(num_comp):
        num_comp = check_number(num_comp, "num_comp", _OWNER, lower=0, integer=True)
    opts = dict(_DEFAULTS)
    given = {} if options is None else dict(options)
    given = {{"alg.typ": "alg_typ"}.get(k, k): v for k, v in given.items()}
    given.pop("method", None)
    unknown = sorted(set(given) - set(_DEFAULTS))
    if unknown:
        raise InvalidParameterError(
            f"{_OWNER}: unknown `options` {unknown}; allowed are {sorted(_DEFAULTS)} "
            "(R: fastICA's alg.typ, fun, alpha, maxit, tol)."
        )
    opts.update(given)
    if opts["alg_typ"] not in ("parallel", "deflation"):
        raise InvalidParameterError(
            f"{_OWNER}: options['alg_typ'] must be 'parallel' or 'deflation'; got {opts['alg_typ']!r}."
        )
    if opts["fun"] not in ("logcosh", "exp"):
        raise InvalidParameterError(
            f"{_OWNER}: options['fun'] must be 'logcosh' or 'exp'; got {opts['fun']!r}."
        )
    alpha = float(check_number(opts["alpha"], "options['alpha']", _OWNER, lower=1, upper=2))
    maxit = int(check_number(opts["maxit"], "options['maxit']", _OWNER, lower=1, integer=True))
    tol = float(check_number(opts["tol"], "options['tol']", _OWNER, lower=0, inclusive=(False, True)))
    seed = draw_seed(seed)
    if seed < 0:
        raise InvalidParameterError(
            f"`seed` in {_OWNER} must be a non-negative integer or None; got {seed!r}."
        )
    if not isinstance(prefix, str) or not prefix:
        raise InvalidParameterError(f"`prefix` in {_OWNER} must be a non-empty string; got {prefix!r}.")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in {_OWNER} must be a non-empty string; got {role!r}.")
    check_bool(keep_original_cols, "keep_original_cols", _OWNER)
    check_bool(skip, "skip", _OWNER)
    return recipe.add_step(StepIca(terms=selectors, role=role, num_comp=num_comp, alg_typ=opts["alg_typ"],
                                   fun=opts["fun"], alpha=alpha, maxit=maxit, tol=tol, seed=seed,
                                   prefix=prefix, keep_original_cols=bool(keep_original_cols),
                                   skip=skip, id=id))
