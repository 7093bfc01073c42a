"""Binomial logistic regression by iteratively reweighted least squares (R: ``glm(family = binomial)``).

Follows R's ``glm.fit``: start from ``mustart = (y + 0.5) / 2``, solve each weighted least-squares
step with the same pivoted Householder QR as ``lm`` (tolerance ``min(1e-7, epsilon / 1000)``), stop
when ``|dev - dev_old| / (|dev| + 0.1) < epsilon``; aliased columns get NaN coefficients. The
covariance is ``chol2inv(R)`` of a QR of the design weighted at the final estimate (the Fisher
information at the MLE, as statsmodels). R's ``summary.glm`` reuses the last iteration's QR, whose
weights lag one step behind; the two differ by about the convergence tolerance (~1e-6 relative).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats
from scipy.special import expit

from ...errors import InvalidParameterError, PytidyWarning
from ._design import Design, check_finite_matrix, complete_rows, qr_dqrdc2, row_norms

_EPS = np.finfo(float).eps
_THRESH = 30.0  # R's binomial()$linkinv clamps |eta| at 30


def _linkinv(eta: np.ndarray) -> np.ndarray:
    return np.where(eta < -_THRESH, _EPS, np.where(eta > _THRESH, 1 - _EPS, expit(eta)))


def _mu_eta(eta: np.ndarray) -> np.ndarray:
    a = np.exp(-np.abs(eta))
    return np.maximum(a / (1 + a) ** 2, _EPS)


def _deviance(t: np.ndarray, mu: np.ndarray, pw: np.ndarray | None = None) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(t == 1, -2 * np.log(mu), -2 * np.log1p(-mu))
    return float(np.sum(d if pw is None else pw * d))


@frozen(eq=False)
class GlmFit:
    """Coefficients of a logistic regression; the model is P(second level), as R's glm."""

    design: Design
    coef: np.ndarray
    rinv: np.ndarray
    pivot: np.ndarray
    rank: int
    iterations: int
    converged: bool
    deviance: float
    null_deviance: float
    nobs: int

    @property
    def kept(self) -> np.ndarray:
        return self.pivot[: self.rank]

    @property
    def cov(self) -> np.ndarray:
        p = len(self.coef)
        cov = np.full((p, p), np.nan)
        cov[np.ix_(self.kept, self.kept)] = self.rinv @ self.rinv.T
        return cov

    def vcov(self) -> pd.DataFrame:
        """Covariance of the coefficients (R: ``vcov(glm_fit)``; NaN for aliased terms)."""
        names = list(self.design.names)
        return pd.DataFrame(self.cov, index=names, columns=names)

    def prob_second(self, x: pd.DataFrame) -> np.ndarray:
        X = self.design.matrix(x)
        check_finite_matrix(X, self.design.names, "glm")
        return expit(X[:, self.kept] @ self.coef[self.kept])

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        p = self.prob_second(x)
        return np.column_stack([1 - p, p])

    def tidy(self) -> pd.DataFrame:
        """term, estimate, std.error, statistic (z), p.value as ``broom::tidy.glm`` (NaN when aliased)."""
        se = np.full(len(self.coef), np.nan)
        se[self.kept] = row_norms(self.rinv)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = self.coef / se
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "std.error": se,
                             "statistic": z, "p.value": 2 * stats.norm.sf(np.abs(z))})

    def glance(self) -> pd.DataFrame:
        """R's ``broom::glance.glm``: null.deviance, df.null, logLik, AIC, BIC, deviance, df.residual, nobs."""
        loglik = -self.deviance / 2  # 0/1 outcome: the saturated log-likelihood is 0
        return pd.DataFrame({
            "null.deviance": [self.null_deviance], "df.null": [self.nobs - 1], "logLik": [loglik],
            "AIC": [self.deviance + 2 * self.rank], "BIC": [self.deviance + np.log(self.nobs) * self.rank],
            "deviance": [self.deviance], "df.residual": [self.nobs - self.rank], "nobs": [self.nobs],
        })

    def __repr__(self) -> str:
        coefs = "  ".join(f"{n}={c:.4g}" for n, c in zip(self.design.names, self.coef))
        return f"Logistic regression (glm, binomial)\nCoefficients: {coefs}"


def fit_glm(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, maxit: int = 25, epsilon: float = 1e-8,
            case_weights: Any = None, **args: Any) -> GlmFit:
    """Fit a two-class logistic regression with R's IRLS (``glm.fit``); ``maxit``/``epsilon`` as ``glm.control``.

    ``case_weights`` are R's prior weights (``glm(weights =)``): they multiply each row's IRLS
    working weight and its deviance contribution.

    Examples
    --------
    >>> import pandas as pd
    >>> x = pd.DataFrame({"x": [0.0, 1, 2, 3, 4, 5]})
    >>> y = pd.Series(pd.Categorical(["a", "a", "b", "a", "b", "b"]))
    >>> fit_glm(x, y).coef.round(3).tolist()
    [-3.035, 1.214]
    """
    if args:
        raise InvalidParameterError(
            f"The glm engine does not use {sorted(args)}; for a penalised model choose another engine."
        )
    if not isinstance(maxit, int) or isinstance(maxit, bool) or maxit < 1:
        raise InvalidParameterError(f"`maxit` of the glm engine must be a whole number >= 1; got {maxit!r}.")
    if not isinstance(epsilon, (int, float)) or not 0 < epsilon < 1:
        raise InvalidParameterError(f"`epsilon` of the glm engine must be a number in (0, 1); got {epsilon!r}.")
    levels = list(y.cat.categories)
    if len(levels) != 2:
        raise InvalidParameterError(
            f"logistic_reg() with the glm engine needs an outcome with two levels; `{y.name}` has "
            f"{len(levels)} ({levels}). Use a multiclass model such as tabnet() for more levels."
        )
    design = Design.learn(x)
    X = design.matrix(x)
    check_finite_matrix(X, design.names, "glm")
    codes = y.cat.codes.to_numpy()
    ok = complete_rows(X) & (codes >= 0)
    pw = np.ones(len(codes)) if case_weights is None else np.asarray(case_weights, dtype=float)
    ok &= pw > 0
    X, t, pw = X[ok], (codes[ok] == 1).astype(float), pw[ok]
    n = X.shape[0]
    if n == 0:
        raise InvalidParameterError("glm has no complete rows to fit (every row has a missing value).")
    tol = min(1e-7, epsilon / 1000)
    mu = (pw * t + 0.5) / (pw + 1)  # R's binomial mustart with prior weights
    eta = np.log(mu / (1 - mu))
    dev_old = _deviance(t, mu, pw)
    beta = np.zeros(X.shape[1])
    converged = False
    qr = None
    it = 0
    for it in range(1, maxit + 1):
        d = _mu_eta(eta)
        z = eta + (t - mu) / d
        w = np.sqrt(pw) * d / np.sqrt(mu * (1 - mu))  # sqrt(prior weight * mu.eta^2 / variance)
        qr = qr_dqrdc2(X * w[:, None], tol=tol)
        start = qr.coef(z * w)
        if not np.all(np.isfinite(start[qr.pivot[: qr.rank]])):
            raise InvalidParameterError(
                f"glm: non-finite coefficients at iteration {it} (R: the same error); the predictors "
                "may be extremely large or perfectly separate the classes."
            )
        kept = qr.pivot[: qr.rank]
        eta = X[:, kept] @ start[kept]
        mu = _linkinv(eta)
        dev = _deviance(t, mu, pw)
        beta = start
        if abs(dev - dev_old) / (abs(dev) + 0.1) < epsilon:
            converged = True
            break
        dev_old = dev
    if not converged:
        warnings.warn(f"glm did not converge in {maxit} iterations (R: 'glm.fit: algorithm did not converge').",
                      PytidyWarning, stacklevel=2)
    if np.any(mu > 1 - 10 * _EPS) or np.any(mu < 10 * _EPS):
        warnings.warn("glm: fitted probabilities numerically 0 or 1 occurred (R's glm.fit warning); the "
                      "classes may be separable.", PytidyWarning, stacklevel=2)
    assert qr is not None
    kept = qr.pivot[: qr.rank]
    d = _mu_eta(eta)
    final = qr_dqrdc2(X * (np.sqrt(pw) * d / np.sqrt(mu * (1 - mu)))[:, None], tol=tol)
    if final.rank == qr.rank and np.array_equal(final.pivot[: final.rank], kept):
        qr = final
    wtdmu = float(np.sum(pw * t) / np.sum(pw))
    null_dev = _deviance(t, np.full(n, wtdmu), pw) if 0 < wtdmu < 1 else 0.0
    return GlmFit(design, beta, qr.r_inverse(), qr.pivot, qr.rank, it, converged, dev, null_dev, n)
