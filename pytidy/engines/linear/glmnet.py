"""Elastic-net regression by coordinate descent: the ``glmnet`` engine of ``linear_reg()`` and
``logistic_reg()``.

Minimises glmnet's documented objective for one ``penalty`` (lambda) and ``mixture`` (alpha):
``loss / n + lambda * ((1 - alpha) / 2 * ||b||_2^2 + alpha * ||b||_1)``, where the loss is half the
residual sum of squares (gaussian) or minus the log-likelihood (binomial, the second level is the
event), on predictors standardised with their 1/n standard deviation, coefficients reported on the
original scale (R: ``glmnet(standardize = TRUE)``). The coordinate descent is scikit-learn's
compiled Gram-matrix solver (``enet_coordinate_descent_gram``, the solver behind ``enet_path``);
the binomial family wraps it in iteratively reweighted least squares, as glmnet does.

Unlike R, which fits a whole lambda path and interpolates between its knots, each penalty is
solved exactly (parsnip passes a single ``penalty`` too). Values agree with scikit-learn's
ElasticNet / LogisticRegression(elasticnet) to optimiser tolerance. Submodels
(:func:`multi_predict_glmnet`) reuse the fit's standardised Gram matrix: every extra penalty is
solved from the same start as a separate fit would be, so its predictions equal a separate fit's
bit for bit.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy.special import expit

from ..._checks import check_number
from ...errors import InvalidParameterError, PytidyWarning
from ._design import Design, complete_rows

__all__ = ["GlmnetFit", "fit_glmnet", "multi_predict_glmnet"]


@frozen(eq=False)
class GlmnetFit:
    """Intercept-first coefficients on the original scale of the design columns."""

    design: Design
    coef: np.ndarray
    family: str
    penalty: float
    mixture: float

    def linear_predictor(self, x: pd.DataFrame) -> np.ndarray:
        return self.design.matrix(x) @ self.coef

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        return self.linear_predictor(x)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        p = expit(self.linear_predictor(x))
        return np.column_stack([1 - p, p])

    def tidy(self) -> pd.DataFrame:
        """term, estimate, penalty (R: ``tidy()`` of a glmnet parsnip fit)."""
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "penalty": self.penalty})

    def __repr__(self) -> str:
        nz = int(np.count_nonzero(self.coef[1:]))
        return f"glmnet ({self.family}), penalty={self.penalty:g}, mixture={self.mixture:g}: {nz} non-zero slopes"


@frozen(eq=False)
class _Problem:
    """The standardised training problem: what another penalty needs to be solved again."""

    Z: np.ndarray | None  # standardised predictors (binomial only; gaussian keeps only the Gram matrix)
    t: np.ndarray  # outcome (gaussian) or 0/1 event indicator (binomial)
    mu: np.ndarray
    sd: np.ndarray
    gram: np.ndarray | None  # Z'Z (gaussian)
    zy: np.ndarray | None  # Z'(t - mean t) (gaussian)
    family: str
    thresh: float
    maxit: int
    obs: np.ndarray  # observation weights scaled to sum to n (all 1 without case weights)


# The training problem of each live fit, for submodels; it dies with the fit and is never saved.
_PROBLEMS: weakref.WeakKeyDictionary[GlmnetFit, _Problem] = weakref.WeakKeyDictionary()


def _cd(gram: np.ndarray, zy: np.ndarray, y: np.ndarray, b: np.ndarray, n: float, lam: float, alpha: float,
        thresh: float, maxit: int) -> np.ndarray:
    """Minimise ``b'Gb/2 - zy'b + n*lam*(alpha*|b|_1 + (1-alpha)/2*|b|^2)`` in place, from ``b``.

    scikit-learn's compiled cyclic coordinate descent; it stops when the duality gap is below
    ``thresh`` times ``y'y`` (the null deviance), glmnet's ``thresh`` in spirit.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import _cd_fast

    b = np.ascontiguousarray(b, dtype=float)
    if b.size == 0:
        return b
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported below, in glmnet's terms
        out = _cd_fast.enet_coordinate_descent_gram(
            b, n * lam * alpha, n * lam * (1.0 - alpha), np.ascontiguousarray(gram), np.ascontiguousarray(zy),
            np.ascontiguousarray(y), maxit, thresh, np.random.RandomState(0), False, False)
    if out[3] >= maxit:
        warnings.warn(
            f"glmnet: coordinate descent did not converge in maxit={maxit} sweeps for penalty={lam:g}; "
            "increase `maxit` or `thresh` (set_engine('glmnet', maxit=...)).", PytidyWarning, stacklevel=2)
    return np.asarray(out[0], dtype=float)


def _solve(prob: _Problem, lam: float, alpha: float) -> tuple[float, np.ndarray]:
    """Intercept and standardised slopes at ``lam``, always from a zero start (so results repeat)."""
    if prob.family == "gaussian":
        assert prob.gram is not None and prob.zy is not None
        n = prob.t.shape[0]
        ybar = float(prob.obs @ prob.t / n)
        b = _cd(prob.gram, prob.zy, np.sqrt(prob.obs) * (prob.t - ybar), np.zeros(prob.gram.shape[0]), n, lam,
                alpha, prob.thresh, prob.maxit)
        return ybar, b
    Z, t = prob.Z, prob.t
    assert Z is not None
    n = Z.shape[0]
    pbar = np.clip(prob.obs @ t / n, 1e-6, 1 - 1e-6)
    b0 = float(np.log(pbar / (1 - pbar)))
    b = np.zeros(Z.shape[1])

    def objective(b0: float, b: np.ndarray) -> float:
        # glmnet's penalised objective: mean negative log-likelihood plus the elastic-net penalty
        eta = b0 + Z @ b
        nll = float(prob.obs @ (np.logaddexp(0.0, eta) - t * eta)) / n
        return nll + lam * (alpha * float(np.abs(b).sum()) + (1 - alpha) / 2 * float(b @ b))

    f_old = objective(b0, b)
    for _ in range(100):
        eta = b0 + Z @ b
        p = np.clip(expit(eta), 1e-5, 1 - 1e-5)
        wt = p * (1 - p)
        z = eta + (t - p) / wt
        wt = wt * prob.obs
        # weighted least squares with an unpenalised intercept: centre with the weights
        zbar = float(wt @ z / wt.sum())
        Zbar = (wt @ Z) / wt.sum()
        sw = np.sqrt(wt)
        Zc = (Z - Zbar) * sw[:, None]
        yc = (z - zbar) * sw
        b_old, b0_old = b.copy(), b0
        b = _cd(Zc.T @ Zc, Zc.T @ yc, yc, b, n, lam, alpha, prob.thresh, prob.maxit)
        b0 = zbar - float(Zbar @ b)
        # Step halving, as R's glm.fit and glmnet do when a quadratic step raises the objective
        # (near separation, at small penalties): pull the step back towards the previous iterate.
        f_new = objective(b0, b)
        halvings = 0
        while not f_new <= f_old + 1e-12 * (abs(f_old) + 1.0) and halvings < 30:
            b, b0 = (b + b_old) / 2, (b0 + b0_old) / 2
            f_new = objective(b0, b)
            halvings += 1
        converged = abs(f_old - f_new) <= 1e-10 * (abs(f_new) + 0.1)
        f_old = f_new
        if converged or np.max(np.abs(np.append(b - b_old, b0 - b0_old))) < 1e-8:
            break
    return b0, b


def _coef(prob: _Problem, b0: float, b: np.ndarray) -> np.ndarray:
    slopes = b / prob.sd
    return np.concatenate([[b0 - prob.mu @ slopes], slopes])


def fit_glmnet(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, penalty: float | None = None,
               mixture: float = 1.0, family: str | None = None, thresh: float = 1e-10,
               maxit: int = 10_000, case_weights: Any = None, **args: Any) -> GlmnetFit:
    """Fit an elastic net for one penalty; ``family`` follows the outcome (numeric or two-level).

    ``case_weights`` are glmnet's observation weights (``glmnet(weights =)``): scaled to sum to
    one in the loss and used in the standardisation of the predictors, as glmnet does.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [1.0, 0, 1, 0, 1]})
    >>> fit = fit_glmnet(x, pd.Series([1.0, 2, 3, 4, 5]), penalty=0.1)
    >>> fit.coef.round(3).tolist()
    [0.212, 0.929, 0.0]
    """
    if args:
        raise InvalidParameterError(f"The glmnet engine does not know the argument(s) {sorted(args)}.")
    if penalty is None:
        raise InvalidParameterError(
            "The glmnet engine needs a single `penalty` value, e.g. linear_reg(penalty=0.01); to search over "
            "it, use penalty=tune() and tune_grid() (R: parsnip requires one penalty for glmnet)."
        )
    check_number(penalty, "penalty", "the glmnet engine", lower=0)
    check_number(mixture, "mixture", "the glmnet engine", lower=0, upper=1)
    check_number(thresh, "thresh", "the glmnet engine", lower=0, inclusive=(False, True))
    maxit = int(check_number(maxit, "maxit", "the glmnet engine", lower=1, integer=True))
    design = Design.learn(x)
    X = design.matrix(x)[:, 1:]
    if isinstance(y.dtype, pd.CategoricalDtype):
        if len(y.cat.categories) != 2:
            raise InvalidParameterError(
                f"logistic_reg() with glmnet needs an outcome with two levels; `{y.name}` has "
                f"{len(y.cat.categories)}."
            )
        family, codes = "binomial", y.cat.codes.to_numpy()
        ok = complete_rows(X) & (codes >= 0)
        t = (codes[ok] == 1).astype(float)
    else:
        family = "gaussian"
        yv = y.to_numpy(dtype=float)
        ok = complete_rows(X, yv)
        t = yv[ok]
    X = X[ok]
    n = X.shape[0]
    obs = np.full(n, 1.0 / n) if case_weights is None else np.asarray(case_weights, dtype=float)[ok]
    obs = obs / obs.sum()  # glmnet scales the observation weights; here they sum to 1
    mu_x = obs @ X
    sd_x = np.sqrt(obs @ (X - mu_x) ** 2)
    sd_x[sd_x == 0] = 1.0
    Z = (X - mu_x) / sd_x
    if family == "gaussian":
        tc = t - obs @ t
        prob = _Problem(None, t, mu_x, sd_x, (Z * (n * obs)[:, None]).T @ Z, Z.T @ (n * obs * tc), family,
                        float(thresh), maxit, n * obs)
    else:
        prob = _Problem(Z, t, mu_x, sd_x, None, None, family, float(thresh), maxit, n * obs)
    b0, b = _solve(prob, float(penalty), float(mixture))
    fit = GlmnetFit(design, _coef(prob, b0, b), family, float(penalty), float(mixture))
    _PROBLEMS[fit] = prob
    return fit


def multi_predict_glmnet(fit: GlmnetFit, x: pd.DataFrame, values: Sequence[float], type: str,
                         **opts: Any) -> list[np.ndarray]:
    """Predictions at several penalties from one fit (R: parsnip ``multi_predict(penalty = )``).

    The fit keeps its standardised training problem while it lives; each penalty is solved from
    that problem exactly as :func:`fit_glmnet` would, so the predictions equal separate fits' (R
    interpolates along glmnet's lambda path instead).

    Parameters
    ----------
    fit : GlmnetFit
        A fit made in this session by :func:`fit_glmnet`.
    x : DataFrame
        New predictors.
    values : sequence of float
        Penalties.
    type : {"numeric", "prob"}
        ``"numeric"`` (gaussian) gives (n,) arrays, ``"prob"`` (binomial) (n, 2) arrays.

    Returns
    -------
    list of ndarray
        One prediction per penalty, in the order of ``values``.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [1.0, 0, 1, 0, 1]})
    >>> y = pd.Series([1.0, 2, 3, 4, 5])
    >>> many = multi_predict_glmnet(fit_glmnet(x, y, penalty=1.0), x, [0.1, 1.0], "numeric")
    >>> bool((many[0] == fit_glmnet(x, y, penalty=0.1).predict_numeric(x)).all())
    True
    """
    if opts:
        raise InvalidParameterError(f"multi_predict() for glmnet does not know the option(s) {sorted(opts)}.")
    want = "numeric" if fit.family == "gaussian" else "prob"
    if type != want:
        raise InvalidParameterError(f"multi_predict() for a {fit.family} glmnet fit gives type {want!r}; got {type!r}.")
    prob = _PROBLEMS.get(fit)
    if prob is None:
        raise InvalidParameterError(
            "multi_predict() for glmnet needs a fit made in this session (the training problem is not saved "
            "with the model); refit it, or predict one penalty at a time."
        )
    design = fit.design.matrix(x)
    out = []
    for v in values:
        check_number(v, "penalty", "multi_predict() for glmnet", lower=0)
        if float(v) == fit.penalty:
            coef = fit.coef
        else:
            coef = _coef(prob, *_solve(prob, float(v), fit.mixture))
        eta = design @ coef
        if fit.family == "gaussian":
            out.append(eta)
        else:
            p = expit(eta)
            out.append(np.column_stack([1 - p, p]))
    return out
