"""Ordinary least squares, the ``lm`` engine of :func:`linear_reg` (R: ``stats::lm``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy import stats

from ...errors import InvalidParameterError
from ._design import Design, complete_rows


@frozen(eq=False)
class LmFit:
    """Coefficients, their covariance and the residual scale of a least-squares fit."""

    design: Design
    coef: np.ndarray
    xtx_inv: np.ndarray
    sigma: float
    df_resid: int

    def tidy(self) -> pd.DataFrame:
        """R's ``broom::tidy.lm``: term, estimate, std.error, statistic, p.value."""
        se = self.sigma * np.sqrt(np.diag(self.xtx_inv))
        t = self.coef / se
        p = 2 * stats.t.sf(np.abs(t), self.df_resid)
        return pd.DataFrame({"term": list(self.design.names), "estimate": self.coef, "std.error": se,
                             "statistic": t, "p.value": p})

    def predict_numeric(self, x: pd.DataFrame) -> np.ndarray:
        return self.design.matrix(x) @ self.coef

    def interval(self, x: pd.DataFrame, level: float = 0.95, prediction: bool = False) -> np.ndarray:
        if not 0 < level < 1:
            raise InvalidParameterError(f"`level` must be in (0, 1); got {level!r}.")
        X = self.design.matrix(x)
        fit = X @ self.coef
        var = np.einsum("ij,jk,ik->i", X, self.xtx_inv, X) * self.sigma**2
        if prediction:
            var = var + self.sigma**2
        q = stats.t.ppf(0.5 + level / 2, self.df_resid)
        half = q * np.sqrt(var)
        return np.column_stack([fit - half, fit + half])

    def __repr__(self) -> str:
        coefs = "  ".join(f"{n}={c:.4g}" for n, c in zip(self.design.names, self.coef))
        return f"Linear regression (lm)\nCoefficients: {coefs}"


def fit_lm(x: pd.DataFrame, y: pd.Series, *, seed: int = 0, case_weights: Any = None, **args: Any) -> LmFit:
    """Fit OLS with an intercept; rows with a missing value are dropped (R: ``na.omit``).

    ``case_weights`` gives weighted least squares as R's ``lm(weights =)``: rows with weight 0
    do not count in the residual degrees of freedom, and ``sigma`` is ``sqrt(sum(w r^2) / df)``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = fit_lm(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), pd.Series([1.0, 3.0, 5.0]))
    >>> f.coef.round(6).tolist()
    [-1.0, 2.0]
    """
    if args:
        raise InvalidParameterError(f"The lm engine takes no arguments; got {sorted(args)}.")
    design = Design.learn(x)
    X = design.matrix(x)
    yv = y.to_numpy(dtype=float)
    ok = complete_rows(X, yv)
    if case_weights is not None:
        w = np.asarray(case_weights, dtype=float)
        ok &= w > 0   # R's lm drops zero-weight rows from the degrees of freedom
        w = w[ok]
    X, yv = X[ok], yv[ok]
    if X.shape[0] <= X.shape[1]:
        raise InvalidParameterError(
            f"lm needs more complete rows ({X.shape[0]}) than coefficients ({X.shape[1]})."
        )
    sw = np.ones(len(yv)) if case_weights is None else np.sqrt(w)
    Xw, yw = X * sw[:, None], yv * sw
    coef, *_ = np.linalg.lstsq(Xw, yw, rcond=None)
    resid = yw - Xw @ coef
    df = X.shape[0] - np.linalg.matrix_rank(X)
    sigma = float(np.sqrt(resid @ resid / df))
    return LmFit(design, coef, np.linalg.pinv(Xw.T @ Xw), sigma, int(df))
