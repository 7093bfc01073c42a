"""``naive_Bayes(engine="sklearn")``: Gaussian densities for numeric predictors, counts for factors.

R's default engine (klaR's ``NaiveBayes``, parsnip sets ``usekernel = TRUE``) estimates numeric
densities by kernel smoothing, with ``smoothness`` as the bandwidth ``adjust``. By default this
engine uses scikit-learn's ``GaussianNB`` for numeric predictors (klaR's ``usekernel = FALSE``);
with the engine argument ``usekernel=True`` it uses Gaussian kernel densities per class with R's
``bw.nrd0`` bandwidth times ``smoothness`` (``density(x, adjust = smoothness)``), evaluated exactly
(klaR reads them off ``density()``'s 512-point grid and floors small probabilities at 0.001, so
values differ slightly). Categorical predictors use ``CategoricalNB`` with ``Laplace`` as its
``alpha`` (klaR's ``fL``, default 0). The joint log-likelihoods are added, the class prior
counted once.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import frozen
from scipy.special import logsumexp

from ...errors import InvalidParameterError
from ._common import align_proba, complete_rows, level_codes, levels_of, outcome_labels, sklearn_module

__all__ = ["fit_naive_bayes", "NaiveBayesFit"]


def bw_nrd0(x: np.ndarray) -> float:
    """R's ``bw.nrd0``: ``0.9 * min(sd, IQR / 1.34) * n^(-1/5)`` with R's fallbacks.

    Examples
    --------
    >>> round(float(bw_nrd0(np.array([1.0, 2.0, 4.0, 7.0]))), 6)  # R: bw.nrd0(c(1, 2, 4, 7))
    1.527028
    """
    hi = float(np.std(x, ddof=1)) if len(x) > 1 else 0.0
    q75, q25 = np.percentile(x, [75, 25])
    lo = min(hi, (q75 - q25) / 1.34)
    if not lo:
        lo = hi or abs(float(x[0])) or 1.0
    return 0.9 * lo * len(x) ** (-0.2)


@frozen(eq=False)
class KernelDensities:
    """Per-class Gaussian kernel densities of the numeric predictors (klaR's ``usekernel = TRUE``)."""

    classes_: np.ndarray
    class_count_: np.ndarray
    samples: tuple[tuple[np.ndarray, ...], ...]  # [class][column] training values
    bandwidths: tuple[tuple[float, ...], ...]

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, adjust: float) -> KernelDensities:
        classes = np.unique(y)
        samples, bws = [], []
        for c in classes:
            Xc = X[y == c]
            samples.append(tuple(Xc[:, j].copy() for j in range(X.shape[1])))
            bws.append(tuple(adjust * bw_nrd0(Xc[:, j]) for j in range(X.shape[1])))
        counts = np.array([np.sum(y == c) for c in classes], dtype=float)
        return cls(classes, counts, tuple(samples), tuple(bws))

    def predict_joint_log_proba(self, X: np.ndarray) -> np.ndarray:
        out = np.tile(np.log(self.class_count_ / self.class_count_.sum()), (len(X), 1))
        for k, (cols, bws) in enumerate(zip(self.samples, self.bandwidths)):
            for j, (xs, h) in enumerate(zip(cols, bws)):
                for start in range(0, len(X), 2048):
                    z = (X[start:start + 2048, j][:, None] - xs[None, :]) / h
                    logk = -0.5 * z**2 - 0.5 * np.log(2 * np.pi) - np.log(h)
                    out[start:start + 2048, k] += logsumexp(logk, axis=1) - np.log(len(xs))
        return out


@frozen(eq=False)
class NaiveBayesFit:
    """GaussianNB (or kernel densities) on the numeric columns and CategoricalNB on the factor columns."""

    gaussian: Any
    categorical: Any
    numeric_cols: tuple[str, ...]
    factor_levels: dict[str, tuple[str, ...]]
    levels: tuple[str, ...]

    def _codes(self, x: pd.DataFrame) -> np.ndarray:
        cols = []
        for col, lv in self.factor_levels.items():
            s = x[col]
            cols.append(level_codes(s, lv))
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
        kind = "kernel densities" if isinstance(self.gaussian, KernelDensities) else "GaussianNB"
        return (f"Naive Bayes ({kind} on {len(self.numeric_cols)}, CategoricalNB on "
                f"{len(self.factor_levels)} predictors)")


def _class_levels(y: pd.Series) -> tuple[str, ...]:
    # naive_Bayes is classification only: y is categorical, so levels_of() returns its levels.
    return cast(tuple[str, ...], levels_of(y))


def fit_naive_bayes(x: pd.DataFrame, y: pd.Series, *, seed: int, alpha: Any = 0.0, smoothness: Any = None,
                    usekernel: bool = False, **engine_args: Any) -> NaiveBayesFit:
    """Fit the naive Bayes model; ``alpha`` is the Laplace correction of the factor counts.

    ``smoothness`` (the kernel bandwidth adjustment, default 1) needs ``usekernel=True``.

    Examples
    --------
    >>> x = pd.DataFrame({"a": [0.0, 0.1, 1.0, 1.1], "g": pd.Categorical(["u", "u", "v", "v"])})
    >>> f = fit_naive_bayes(x, pd.Series(pd.Categorical(["n", "n", "y", "y"])), seed=1, alpha=1.0)
    >>> f.predict_prob(x).argmax(axis=1).tolist()
    [0, 0, 1, 1]
    """
    nb = sklearn_module("naive_bayes", "naive_Bayes(engine='sklearn')")
    if smoothness is not None and not usekernel:
        raise InvalidParameterError(
            "`smoothness` in naive_Bayes() adjusts kernel densities, which the 'sklearn' engine uses only with "
            "usekernel=True: add .set_engine('sklearn', usekernel=True), or leave smoothness unset."
        )
    adjust = 1.0 if smoothness is None else float(smoothness)
    if not adjust > 0:
        raise InvalidParameterError(f"`smoothness` in naive_Bayes() must be positive; got {smoothness!r}.")
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
    fit = NaiveBayesFit(None, None, tuple(numeric), levels, _class_levels(y))
    if levels:
        C = fit._codes(x)
        ok &= (C >= 0).all(axis=1)
    if not numeric:
        gauss = None
    elif usekernel:
        gauss = KernelDensities.fit(Xn[ok], yy[ok], adjust)
    else:
        gauss = nb.GaussianNB(**engine_args).fit(Xn[ok], yy[ok])
    cat = None
    if levels:
        cat = nb.CategoricalNB(alpha=max(alpha, 1e-10), force_alpha=False,
                               min_categories=[len(v) for v in levels.values()]).fit(C[ok], yy[ok])
    return NaiveBayesFit(gauss, cat, tuple(numeric), levels, _class_levels(y))
