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
