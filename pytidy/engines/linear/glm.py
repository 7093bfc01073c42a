"""Binomial logistic regression by iteratively reweighted least squares (R: ``glm(family = binomial)``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats
from scipy.special import expit

from ...errors import InvalidParameterError, PytidyWarning
from ._design import Design, complete_rows


@frozen(eq=False)
class GlmFit:
    """Coefficients of a logistic regression; the model is P(second level), as R's glm."""

    design: Design
    coef: np.ndarray
    cov: np.ndarray
    iterations: int

    def prob_second(self, x: pd.DataFrame) -> np.ndarray:
        return expit(self.design.matrix(x) @ self.coef)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        p = self.prob_second(x)
        return np.column_stack([1 - p, p])

    def tidy(self) -> pd.DataFrame:
        """term, estimate, std.error, statistic (z), p.value as ``broom::tidy.glm``."""
        se = np.sqrt(np.diag(self.cov))
        z = self.coef / se
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "std.error": se,
                             "statistic": z, "p.value": 2 * stats.norm.sf(np.abs(z))})

    def __repr__(self) -> str:
        coefs = "  ".join(f"{n}={c:.4g}" for n, c in zip(self.design.names, self.coef))
        return f"Logistic regression (glm, binomial)\nCoefficients: {coefs}"


def fit_glm(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, maxit: int = 25, epsilon: float = 1e-8,
            case_weights: Any = None, **args: Any) -> GlmFit:
    """Fit a two-class logistic regression with R's IRLS stopping rule (deviance change < epsilon).

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
    levels = list(y.cat.categories)
    if len(levels) != 2:
        raise InvalidParameterError(
            f"logistic_reg() with the glm engine needs an outcome with two levels; `{y.name}` has "
            f"{len(levels)} ({levels}). Use a multiclass model such as tabnet() for more levels."
        )
    design = Design.learn(x)
    X = design.matrix(x)
    codes = y.cat.codes.to_numpy()
    ok = complete_rows(X) & (codes >= 0)
    pw = np.ones(len(codes)) if case_weights is None else np.asarray(case_weights, dtype=float)
    ok &= pw > 0
    X, t, pw = X[ok], (codes[ok] == 1).astype(float), pw[ok]
    beta = np.zeros(X.shape[1])
    dev_old = np.inf
    for it in range(1, maxit + 1):
        eta = X @ beta
        mu = np.clip(expit(eta), 1e-10, 1 - 1e-10)
        w = mu * (1 - mu)
        z = eta + (t - mu) / w
        sw = np.sqrt(w * pw)
        beta, *_ = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)
        mu = np.clip(expit(X @ beta), 1e-15, 1 - 1e-15)
        dev = -2 * np.sum(pw * (t * np.log(mu) + (1 - t) * np.log(1 - mu)))
        if abs(dev - dev_old) / (abs(dev) + 0.1) < epsilon:
            break
        dev_old = dev
    else:
        import warnings

        warnings.warn("glm did not converge in 25 iterations (R: 'glm.fit: algorithm did not converge').",
                      PytidyWarning, stacklevel=2)
    mu = expit(X @ beta)
    cov = np.linalg.pinv((X * (pw * mu * (1 - mu))[:, None]).T @ X)
    return GlmFit(design, beta, cov, it)
