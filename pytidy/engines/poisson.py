"""Poisson regression by IRLS (R: ``glm(family = poisson)``, poissonreg's default "glm" engine)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats

from ..errors import InvalidParameterError, PytidyWarning
from .linear._design import Design, complete_rows

__all__ = ["PoissonGlmFit", "fit_poisson_glm"]


@frozen(eq=False)
class PoissonGlmFit:
    """Coefficients of a log-link Poisson GLM and their covariance."""

    design: Design
    coef: np.ndarray
    cov: np.ndarray
    iterations: int
    deviance: float
    null_deviance: float = float("nan")
    loglik: float = float("nan")
    nobs: int = 0

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        """The expected count ``exp(X b)`` (R: ``predict(type = "response")``)."""
        return np.exp(self.design.matrix(x) @ self.coef)

    def predict_raw(self, x: pd.DataFrame) -> np.ndarray:
        """The linear predictor ``X b`` (R: ``predict(type = "link")``)."""
        return self.design.matrix(x) @ self.coef

    def tidy(self) -> pd.DataFrame:
        """term, estimate, std.error, statistic (z), p.value as ``broom::tidy.glm``."""
        se = np.sqrt(np.diag(self.cov))
        z = self.coef / se
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "std.error": se,
                             "statistic": z, "p.value": 2 * stats.norm.sf(np.abs(z))})

    def vcov(self) -> pd.DataFrame:
        """The coefficients' covariance matrix (R: ``vcov()``), labelled by term."""
        names = list(self.design.names)
        return pd.DataFrame(self.cov, index=names, columns=names)

    def glance(self) -> pd.DataFrame:
        """One row as ``broom::glance.glm``: null.deviance, df.null, logLik, AIC, BIC, deviance,
        df.residual, nobs."""
        k = len(self.coef)
        return pd.DataFrame({
            "null.deviance": [self.null_deviance], "df.null": [self.nobs - 1], "logLik": [self.loglik],
            "AIC": [-2 * self.loglik + 2 * k], "BIC": [-2 * self.loglik + np.log(self.nobs) * k],
            "deviance": [self.deviance], "df.residual": [self.nobs - k], "nobs": [self.nobs],
        })

    def __repr__(self) -> str:
        coefs = "  ".join(f"{n}={c:.4g}" for n, c in zip(self.design.names, self.coef))
        return f"Poisson regression (glm, log link)\nCoefficients: {coefs}"


def fit_poisson_glm(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, maxit: int = 25, epsilon: float = 1e-8,
                    case_weights: Any = None, **args: Any) -> PoissonGlmFit:
    """Fit ``glm(y ~ ., family = poisson)`` by IRLS with R's stopping rule (relative deviance change).

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 1, 2, 3]})
    >>> fit_poisson_glm(x, pd.Series([1.0, 2, 4, 8])).coef.round(4).tolist()
    [0.0, 0.6931]
    """
    if args:
        raise InvalidParameterError(
            f"The glm engine of poisson_reg() does not use {sorted(args)}; for a penalised model use "
            "engine 'sklearn'."
        )
    design = Design.learn(x)
    X = design.matrix(x)
    t = y.to_numpy(dtype=float, na_value=np.nan)
    ok = complete_rows(X, t)
    w = np.ones(len(t)) if case_weights is None else np.asarray(case_weights, dtype=float)
    X, t, w = X[ok], t[ok], w[ok]
    if (t < 0).any():
        raise InvalidParameterError("poisson_reg() needs a non-negative outcome (counts).")
    mu = t + 0.1  # R's poisson()$initialize: mustart = y + 0.1
    eta = np.log(mu)
    dev_old = np.inf

    def deviance(mu: np.ndarray) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(t > 0, t * np.log(t / mu), 0.0)
        return float(2 * np.sum(w * (term - (t - mu))))

    beta = np.zeros(X.shape[1])
    for it in range(1, maxit + 1):
        z = eta + (t - mu) / mu
        sw = np.sqrt(w * mu)
        beta, *_ = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)
        eta = X @ beta
        mu = np.exp(eta)
        dev = deviance(mu)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < epsilon:
            break
        dev_old = dev
    else:
        warnings.warn(f"glm did not converge in {maxit} iterations (R: 'glm.fit: algorithm did not converge').",
                      PytidyWarning, stacklevel=2)
    cov = np.linalg.pinv((X * (w * mu)[:, None]).T @ X)
    mean = np.average(t, weights=w)
    null_mu = np.full_like(t, mean)
    loglik = float(np.sum(w * stats.poisson.logpmf(t, mu)))
    return PoissonGlmFit(design, beta, cov, it, dev, deviance(null_mu), loglik, int(len(t)))
