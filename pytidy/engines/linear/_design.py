"""Numeric design matrices for the reference engines (treatment dummies for categoricals, as R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from attrs import frozen

from ...errors import InvalidParameterError


@frozen(eq=False)
class Design:
    """Remembers the columns and factor levels seen at fit time."""

    columns: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]
    names: tuple[str, ...]  # coefficient names, "(Intercept)" first

    @classmethod
    def learn(cls, x: pd.DataFrame) -> Design:
        levels: dict[str, tuple[str, ...]] = {}
        names = ["(Intercept)"]
        for col in x.columns:
            s = x[col]
            if isinstance(s.dtype, pd.CategoricalDtype) or s.dtype == object or pd.api.types.is_string_dtype(s):
                lv = tuple(str(v) for v in (s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype)
                                            else sorted(s.dropna().astype(str).unique())))
                levels[col] = lv
                names += [f"{col}{v}" for v in lv[1:]]
            elif pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
                names.append(str(col))
            else:
                raise InvalidParameterError(
                    f"Column `{col}` has dtype {s.dtype}, which the reference engines cannot use; "
                    "convert it to numeric or categorical (a recipe step can)."
                )
        return cls(tuple(x.columns), levels, tuple(names))

    def matrix(self, x: pd.DataFrame) -> np.ndarray:
        parts = [np.ones((len(x), 1))]
        for col in self.columns:
            s = x[col]
            if col in self.levels:
                lv = self.levels[col]
                codes = pd.Categorical(s.astype(str).where(s.notna()), categories=list(lv)).codes
                dummies = (codes[:, None] == np.arange(1, len(lv))[None, :]).astype(float)
                dummies[codes < 0] = np.nan
                parts.append(dummies)
            else:
                parts.append(s.to_numpy(dtype=float, na_value=np.nan).reshape(-1, 1))
        return np.hstack(parts)


def complete_rows(X: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
    ok = ~np.isnan(X).any(axis=1)
    if y is not None:
        ok &= ~np.isnan(y)
    return ok


def _norm(v: np.ndarray) -> float:
    """Euclidean norm without overflow or underflow for huge or tiny entries (BLAS ``dnrm2``)."""
    if v.size == 0:
        return 0.0
    scale = float(np.max(np.abs(v)))
    if scale == 0.0 or not np.isfinite(scale):
        return scale
    w = v / scale
    return scale * float(np.sqrt(w @ w))


@frozen(eq=False)
class QR:
    """A Householder QR with R's limited column pivoting (LINPACK ``dqrdc2``, as ``qr(x, LAPACK = FALSE)``).

    ``qr`` holds R in its upper triangle and the Householder vectors below it; ``qraux`` their
    first entries; ``pivot`` the column order (0-based); ``rank`` the number of columns kept.
    The columns ``pivot[rank:]`` are aliased (linearly dependent on earlier ones).
    """

    qr: np.ndarray
    qraux: np.ndarray
    pivot: np.ndarray
    rank: int

    def qty(self, y: np.ndarray) -> np.ndarray:
        """``Q^T y`` (LINPACK ``dqrsl``)."""
        y = np.array(y, dtype=float, copy=True)
        n = self.qr.shape[0]
        for j in range(min(self.rank, n - 1)):
            if self.qraux[j] == 0.0:
                continue
            v = self.qr[j:, j].copy()
            v[0] = self.qraux[j]
            y[j:] += (-(v @ y[j:]) / v[0]) * v
        return y

    def coef(self, y: np.ndarray) -> np.ndarray:
        """Least-squares coefficients in the original column order; NaN for aliased columns (R)."""
        from scipy.linalg import solve_triangular

        k = self.rank
        b = np.full(self.qr.shape[1], np.nan)
        if k:
            b[self.pivot[:k]] = solve_triangular(self.qr[:k, :k], self.qty(y)[:k], lower=False)
        return b

    def r_inverse(self) -> np.ndarray:
        """``R^{-1}`` of the kept columns (pivoted order)."""
        from scipy.linalg import solve_triangular

        k = self.rank
        return solve_triangular(self.qr[:k, :k], np.eye(k), lower=False)


def qr_dqrdc2(x: np.ndarray, tol: float = 1e-7) -> QR:
    """Householder QR with R's pivoting rule (LINPACK ``dqrdc2`` as modified for R, ``tol=1e-7``).

    Columns are processed left to right; a column whose norm, after the reflections of the
    earlier columns, has fallen below ``tol`` times its original norm is moved to the end and
    counts as aliased. Only those columns move, so the kept columns stay in their original order,
    which is what makes R's ``lm`` report ``NA`` for the later of two collinear columns. Norms are
    computed with scaling, so a column of size 1e300 neither overflows nor changes the pivoting.

    Examples
    --------
    >>> X = np.column_stack([np.ones(4), [1.0, 2, 3, 4], [2.0, 4, 6, 8]])
    >>> q = qr_dqrdc2(X)
    >>> q.rank, q.pivot.tolist()
    (2, [0, 1, 2])
    >>> q.coef(np.array([1.0, 3, 5, 7])).round(8).tolist()
    [-1.0, 2.0, nan]
    """
    x = np.array(x, dtype=float, copy=True, order="F")
    n, p = x.shape
    pivot = np.arange(p)
    qraux = np.array([_norm(x[:, j]) for j in range(p)])
    orig = qraux.copy()
    orig[orig == 0.0] = 1.0
    k = p  # columns [k, p) are the aliased ones moved to the end
    lup = min(n, p)
    for l in range(lup):  # noqa: E741 - the name of LINPACK's loop variable
        while l < k and qraux[l] < orig[l] * tol:
            # move column l to the end; the columns after it shift left (dqrdc2's cycling)
            order = np.r_[np.arange(l), np.arange(l + 1, p), l]
            x = x[:, order]
            pivot, qraux, orig = pivot[order], qraux[order], orig[order]
            k -= 1
        if l == n - 1:
            break
        nrmxl = _norm(x[l:, l])
        if nrmxl == 0.0:
            continue
        if x[l, l] != 0.0:
            nrmxl = np.copysign(nrmxl, x[l, l])
        x[l:, l] /= nrmxl
        x[l, l] += 1.0
        if l + 1 < p:
            v = x[l:, l]
            rest = x[l:, l + 1:]
            t = -(v @ rest) / v[0]
            rest += np.outer(v, t)
            x[l:, l + 1:] = rest
            nz = qraux[l + 1:] != 0.0
            with np.errstate(divide="ignore", invalid="ignore"):
                tt = np.maximum(1.0 - (np.abs(x[l, l + 1:]) / qraux[l + 1:]) ** 2, 0.0)
            for off in np.flatnonzero(nz):
                j = l + 1 + off
                if abs(tt[off]) < 1e-6:  # BDR 9/99: recompute norms after a large reduction
                    qraux[j] = _norm(x[l + 1:, j])
                else:
                    qraux[j] = qraux[j] * np.sqrt(tt[off])
        qraux[l] = x[l, l]
        x[l, l] = -nrmxl
    rank = min(k, n)
    return QR(x, qraux, pivot, int(rank))


def check_finite_matrix(X: np.ndarray, names: tuple[str, ...], engine: str) -> None:
    """Refuse inf in a design matrix before any linear algebra runs (no LAPACK noise)."""
    bad = np.isinf(X).any(axis=0)
    if bad.any():
        cols = [names[j] for j in np.flatnonzero(bad)]
        raise InvalidParameterError(
            f"The {engine} engine cannot use infinite values (inf or -inf); found them in {cols}. "
            "Replace them first, e.g. df.replace([np.inf, -np.inf], np.nan), or transform the column."
        )


def row_norms(a: np.ndarray) -> np.ndarray:
    """The Euclidean norm of each row, scaled so that tiny or huge entries neither underflow nor overflow."""
    if a.size == 0:
        return np.zeros(a.shape[0])
    scale = np.max(np.abs(a), axis=1)
    safe = np.where((scale > 0) & np.isfinite(scale), scale, 1.0)
    w = a / safe[:, None]
    return np.where(scale > 0, safe * np.sqrt(np.einsum("ij,ij->i", w, w)), scale)
