"""``naive_Bayes(engine="sklearn")``: Gaussian densities for numeric predictors, counts for factors.

R's default engine (klaR's ``NaiveBayes``, parsnip sets ``usekernel = TRUE``) estimates numeric
densities by kernel smoothing, with ``smoothness`` as the bandwidth ``adjust``. scikit-learn has no
kernel naive Bayes, so this engine uses ``GaussianNB`` for numeric predictors (klaR's
``usekernel = FALSE``) and ``CategoricalNB`` for categorical ones, with ``Laplace`` as its
``alpha`` (klaR's ``fL``, default 0); the two joint log-likelihoods are added and the class prior
counted once. ``smoothness`` is therefore not built and raises NotImplementedError.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import frozen
from scipy.special import logsumexp

from ...errors import InvalidParameterError
from ._common import align_proba, complete_rows, levels_of, outcome_labels, sklearn_module

__all__ = ["fit_naive_bayes", "NaiveBayesFit"]


@frozen(eq=False)
class NaiveBayesFit:
    """GaussianNB on the numeric columns and CategoricalNB on the factor columns."""

    gaussian: Any
    categorical: Any
    numeric_cols: tuple[str, ...]
    factor_levels: dict[str, tuple[str, ...]]
    levels: tuple[str, ...]

    def _codes(self, x: pd.DataFrame) -> np.ndarray:
        cols = []
        for col, lv in self.factor_levels.items():
            s = x[col]
            cols.append(pd.Categorical(s.astype(str).where(s.notna()), categories=list(lv)).codes)
        return np.column_stack(cols)

    def predict_prob(self, x: pd.DataFrame) -> np.ndarray:
        n = len(x)
        jll = np.zeros((n, len(self.levels)))
        ok = np.ones(n, dtype=bool)
        est = self.gaussian or self.categorical
        prior = np.log(np.asarray(est.class_count_, dtype=float) / est.class_count_.sum())
        parts = 0
        if self.gaussian is not None:
            X = x.loc[:, list(self.numeric_cols)].to_numpy(dtype=float, na_value=np.nan)
            ok &= complete_rows(X)
            jll += np.where(ok[:, None], self.gaussian.predict_joint_log_proba(np.nan_to_num(X)), 0.0)
            parts += 1
        if self.categorical is not None:
            C = self._codes(x)
            ok &= (C >= 0).all(axis=1)
            jll += np.where(ok[:, None], self.categorical.predict_joint_log_proba(np.maximum(C, 0)), 0.0)
            parts += 1
        jll -= (parts - 1) * prior
        prob = np.exp(jll - logsumexp(jll, axis=1, keepdims=True))
        prob = align_proba(prob, est.classes_, self.levels, "sklearn")
        prob[~ok] = np.nan
        return prob

    def __repr__(self) -> str:
        return f"Naive Bayes (GaussianNB on {len(self.numeric_cols)}, CategoricalNB on {len(self.factor_levels)} predictors)"


def fit_naive_bayes(x: pd.DataFrame, y: pd.Series, *, seed: int, alpha: Any = 0.0, smoothness: Any = None,
                    **engine_args: Any) -> NaiveBayesFit:
    """Fit the naive Bayes model; ``alpha`` is the Laplace correction of the factor counts.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 0.1, 1.0, 1.1], "g": pd.Categorical(["u", "u", "v", "v"])})
    >>> f = fit_naive_bayes(x, pd.Series(pd.Categorical(["n", "n", "y", "y"])), seed=1, alpha=1.0)
    >>> f.predict_prob(x).argmax(axis=1).tolist()
    [0, 0, 1, 1]
    """
    nb = sklearn_module("naive_bayes", "naive_Bayes(engine='sklearn')")
    if smoothness is not None:
        raise NotImplementedError(
            "`smoothness` (klaR's kernel bandwidth adjustment) is not built: naive_Bayes(engine='sklearn') "
            "uses Gaussian densities, not kernel densities. Leave smoothness unset."
        )
    alpha = float(alpha)
    if alpha < 0:
        raise InvalidParameterError(f"`Laplace` in naive_Bayes() must be >= 0; got {alpha!r}.")
    levels: dict[str, tuple[str, ...]] = {}
    numeric: list[str] = []
    for col in x.columns:
        s = x[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            levels[str(col)] = tuple(str(v) for v in s.cat.categories)
        elif s.dtype == object or pd.api.types.is_string_dtype(s) or pd.api.types.is_bool_dtype(s):
            levels[str(col)] = tuple(sorted(s.dropna().astype(str).unique()))
        elif pd.api.types.is_numeric_dtype(s):
            numeric.append(str(col))
        else:
            raise InvalidParameterError(f"Column `{col}` has dtype {s.dtype}, which naive_Bayes() cannot use.")
    yy = outcome_labels(y)
    ok = ~pd.isna(yy)
    Xn = x.loc[:, numeric].to_numpy(dtype=float, na_value=np.nan)
    ok &= complete_rows(Xn)
    fit = NaiveBayesFit(None, None, tuple(numeric), levels, levels_of(y))
    if levels:
        C = fit._codes(x)
        ok &= (C >= 0).all(axis=1)
    gauss = nb.GaussianNB(**engine_args).fit(Xn[ok], yy[ok]) if numeric else None
    cat = None
    if levels:
        cat = nb.CategoricalNB(alpha=max(alpha, 1e-10), force_alpha=False,
                               min_categories=[len(v) for v in levels.values()]).fit(C[ok], yy[ok])
    return NaiveBayesFit(gauss, cat, tuple(numeric), levels, levels_of(y))
