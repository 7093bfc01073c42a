"""Elastic-net regression by coordinate descent: the ``glmnet`` engine of ``linear_reg()`` and
``logistic_reg()``.

Minimises glmnet's documented objective for one ``penalty`` (lambda) and ``mixture`` (alpha):
``loss / n + lambda * ((1 - alpha) / 2 * ||b||_2^2 + alpha * ||b||_1)``, where the loss is half the
residual sum of squares (gaussian) or minus the log-likelihood (binomial, the second level is the
event), on predictors standardised with their 1/n standard deviation, coefficients reported on the
original scale (R: ``glmnet(standardize = TRUE)``). Unlike R, which fits a whole lambda path and
interpolates, this fits the one penalty asked for (parsnip passes a single ``penalty`` too);
values agree with scikit-learn's ElasticNet / LogisticRegression(elasticnet) to optimiser tolerance.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy.special import expit

from ..._checks import check_number
from ...errors import InvalidParameterError
from ._design import Design, complete_rows


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


def _soft(z: float, g: float) -> float:
    return np.sign(z) * max(abs(z) - g, 0.0)


def _cd_weighted(Z: np.ndarray, r: np.ndarray, w: np.ndarray, b: np.ndarray, b0: float, lam: float,
                 alpha: float, tol: float, max_sweeps: int) -> tuple[np.ndarray, float]:
    """Coordinate descent on sum(w * (r - b0 - Z b)^2)/2 + penalty; ``w`` sums to 1."""
    xw2 = (w[:, None] * Z * Z).sum(axis=0)
    resid = r - b0 - Z @ b
    for _ in range(max_sweeps):
        delta = 0.0
        shift = float(w @ resid)
        b0 += shift
        resid -= shift
        for j in range(Z.shape[1]):
            old = b[j]
            zj = float((w * Z[:, j]) @ resid) + xw2[j] * old
            new = _soft(zj, lam * alpha) / (xw2[j] + lam * (1 - alpha)) if xw2[j] > 0 else 0.0
            if new != old:
                resid -= (new - old) * Z[:, j]
                b[j] = new
                delta = max(delta, xw2[j] * (new - old) ** 2)
        if delta < tol:
            break
    return b, b0


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
    obs = obs / obs.sum()
    mu_x = obs @ X
    sd_x = np.sqrt(obs @ (X - mu_x) ** 2)
    sd_x[sd_x == 0] = 1.0
    Z = (X - mu_x) / sd_x
    b = np.zeros(Z.shape[1])
    if family == "gaussian":
        w = obs
        b, b0 = _cd_weighted(Z, t, w, b, float(obs @ t), penalty, mixture, thresh, maxit)
    else:
        pbar = np.clip(obs @ t, 1e-6, 1 - 1e-6)
        b0 = float(np.log(pbar / (1 - pbar)))
        for _ in range(100):
            eta = b0 + Z @ b
            p = np.clip(expit(eta), 1e-5, 1 - 1e-5)
            wt = p * (1 - p)
            z = eta + (t - p) / wt
            b_old, b0_old = b.copy(), b0
            b, b0 = _cd_weighted(Z, z, wt * obs, b, b0, penalty, mixture, thresh, maxit)
            if np.max(np.abs(np.append(b - b_old, b0 - b0_old))) < 1e-8:
                break
    slopes = b / sd_x
    coef = np.concatenate([[b0 - mu_x @ slopes], slopes])
    return GlmnetFit(design, coef, family, float(penalty), float(mixture))
