"""Ordinary least squares, the ``lm`` engine of :func:`linear_reg` (R: ``stats::lm``).

The fit is R's: a Householder QR with LINPACK ``dqrdc2`` pivoting (``tol = 1e-7``), so an aliased
(linearly dependent) column gets an ``NA`` (NaN) coefficient as in ``coef(lm(...))``, never a split
estimate, and rescaling a column (even by 1e300) rescales its coefficient and standard error and
changes nothing else.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats

from ...errors import InvalidParameterError
from ._design import Design, check_finite_matrix, complete_rows, qr_dqrdc2, row_norms


@frozen(eq=False)
class LmFit:
    """Coefficients (NaN where aliased), their unscaled standard errors and the fit statistics."""

    design: Design
    coef: np.ndarray
    rinv: np.ndarray          # R^{-1} of the kept columns, in pivoted order
    pivot: np.ndarray         # column order of the QR; pivot[:rank] are the kept columns
    rank: int
    sigma: float
    df_resid: int
    nobs: int
    rss: float
    tss: float

    @property
    def kept(self) -> np.ndarray:
        return self.pivot[: self.rank]

    def _se(self) -> np.ndarray:
        se = np.full(len(self.coef), np.nan)
        se[self.kept] = self.sigma * row_norms(self.rinv)
        return se

    def vcov(self) -> pd.DataFrame:
        """The covariance of the coefficients (R: ``vcov(fit)``; NaN rows/columns for aliased terms)."""
        p = len(self.coef)
        cov = np.full((p, p), np.nan)
        kept = self.kept
        cov[np.ix_(kept, kept)] = self.sigma**2 * (self.rinv @ self.rinv.T)
        names = list(self.design.names)
        return pd.DataFrame(cov, index=names, columns=names)

    def tidy(self) -> pd.DataFrame:
        """R's ``broom::tidy.lm``: term, estimate, std.error, statistic, p.value (NaN when aliased)."""
        se = self._se()
        with np.errstate(divide="ignore", invalid="ignore"):
            t = self.coef / se
        p = 2 * stats.t.sf(np.abs(t), self.df_resid) if self.df_resid > 0 else np.full(len(t), np.nan)
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "std.error": se,
                             "statistic": t, "p.value": p})

    def glance(self) -> pd.DataFrame:
        """R's ``broom::glance.lm``: one row of r.squared, adj.r.squared, sigma, statistic, p.value,
        df, logLik, AIC, BIC, deviance, df.residual, nobs."""
        n, rdf, rank = self.nobs, self.df_resid, self.rank
        r2 = 1 - self.rss / self.tss if self.tss > 0 else np.nan
        numdf = rank - 1  # the intercept is always in the design
        adj = 1 - (1 - r2) * (n - 1) / rdf if rdf > 0 else np.nan
        if numdf > 0 and rdf > 0 and self.rss > 0:
            fstat = ((self.tss - self.rss) / numdf) / (self.rss / rdf)
            fp = float(stats.f.sf(fstat, numdf, rdf))
        else:
            fstat, fp = np.nan, np.nan
        loglik = 0.5 * (-n * (np.log(2 * np.pi) + 1 - np.log(n) + np.log(self.rss))) if self.rss > 0 else np.inf
        k = rank + 1
        return pd.DataFrame({
            "r.squared": [r2], "adj.r.squared": [adj], "sigma": [self.sigma], "statistic": [fstat],
            "p.value": [fp], "df": [float(numdf)], "logLik": [loglik], "AIC": [-2 * loglik + 2 * k],
            "BIC": [-2 * loglik + np.log(n) * k], "deviance": [self.rss], "df.residual": [rdf], "nobs": [n],
        })

    def _matrix(self, x: pd.DataFrame) -> np.ndarray:
        X = self.design.matrix(x)
        check_finite_matrix(X, self.design.names, "lm")
        return X

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        """Predictions from the kept columns (R's ``predict.lm`` on a rank-deficient fit)."""
        X = self._matrix(x)
        return X[:, self.kept] @ self.coef[self.kept]

    def interval(self, x: pd.DataFrame, level: float = 0.95, prediction: bool = False) -> np.ndarray:
        if not isinstance(level, (int, float)) or not 0 < level < 1:
            raise InvalidParameterError(f"`level` must be a number in (0, 1); got {level!r}.")
        X = self._matrix(x)[:, self.kept]
        fit = X @ self.coef[self.kept]
        var = row_norms(X @ self.rinv) ** 2 * self.sigma**2
        if prediction:
            var = var + self.sigma**2
        q = stats.t.ppf(0.5 + level / 2, self.df_resid)
        half = q * np.sqrt(var)
        return np.column_stack([fit - half, fit + half])

    def __repr__(self) -> str:
        coefs = "  ".join(f"{n}={c:.4g}" for n, c in zip(self.design.names, self.coef))
        return f"Linear regression (lm)\nCoefficients: {coefs}"


def fit_lm(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, tol: float = 1e-7, case_weights: Any = None,
           **args: Any) -> LmFit:
    """Fit OLS with an intercept through R's pivoted QR; rows with a missing value are dropped (R: ``na.omit``).

    Parameters
    ----------
    x : DataFrame
        Predictors: numeric, logical or nominal (treatment dummies, first level as reference).
    y : Series
        Numeric outcome.
    tol : float, default 1e-7
        R's ``lm(tol=)``: the pivoting tolerance of the QR.
    case_weights : array-like, optional
        Weighted least squares as R's ``lm(weights =)``: rows with weight 0 do not count in the
        residual degrees of freedom, and ``sigma`` is ``sqrt(sum(w r^2) / df)``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = fit_lm(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), pd.Series([1.0, 3.0, 5.0]))
    >>> f.coef.round(6).tolist()
    [-1.0, 2.0]
    >>> fit_lm(pd.DataFrame({"x": [1.0, 2, 3, 4], "z": [2.0, 4, 6, 8]}), pd.Series([1.0, 3, 2, 5])).coef.tolist()[2]
    nan
    """
    if args:
        raise InvalidParameterError(f"The lm engine takes no arguments except `tol`; got {sorted(args)}.")
    if not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise InvalidParameterError(f"`tol` of the lm engine must be a number in (0, 1); got {tol!r}.")
    design = Design.learn(x)
    X = design.matrix(x)
    yv = y.to_numpy(dtype=float, na_value=np.nan)
    check_finite_matrix(X, design.names, "lm")
    if np.isinf(yv).any():
        raise InvalidParameterError(
            f"The lm engine cannot use infinite outcome values; `{y.name}` has {int(np.isinf(yv).sum())}."
        )
    ok = complete_rows(X, yv)
    if case_weights is not None:
        w = np.asarray(case_weights, dtype=float)
        ok &= w > 0   # R's lm drops zero-weight rows from the degrees of freedom
        w = w[ok]
    X, yv = X[ok], yv[ok]
    n = X.shape[0]
    if n == 0:
        raise InvalidParameterError("lm has no complete rows to fit (every row has a missing value).")
    sw = np.ones(n) if case_weights is None else np.sqrt(w)
    Xw, yw = X * sw[:, None], yv * sw       # weighted least squares as R: QR of sqrt(w) X
    qr = qr_dqrdc2(Xw, tol=tol)
    coef = qr.coef(yw)
    kept = qr.pivot[: qr.rank]
    resid = yw - Xw[:, kept] @ coef[kept]
    rss = float(resid @ resid)
    df = n - qr.rank
    sigma = float(np.sqrt(rss / df)) if df > 0 else np.nan
    ybar = yv.mean() if case_weights is None else np.average(yv, weights=w)
    tss = float(np.sum(sw**2 * (yv - ybar) ** 2))
    return LmFit(design, coef, qr.r_inverse(), qr.pivot, qr.rank, sigma, int(df), n, rss, tss)
