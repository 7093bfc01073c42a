"""Case weights inside recipe steps (R: recipes ``R/case-weights.R``: ``get_case_weights``,
``are_weights_used``, ``averages``, ``variances``).

Unsupervised steps (centering, scaling, mean imputation) use frequency weights only; importance
weights are ignored, as R's ``are_weights_used(wts, unsupervised = TRUE)``. Weighted variances
follow R's ``stats::cov.wt`` (its default "unbiased" method on normalised weights), which is what
recipes uses; rows with a missing value are dropped column by column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ...errors import InvalidParameterError


def get_case_weights(info: pd.DataFrame, data: pd.DataFrame, owner: str) -> pd.Series | None:
    """The column with the role "case_weights", or None (R: ``get_case_weights``)."""
    from ...case_weights import is_case_weights

    names = list(dict.fromkeys(info.loc[info["role"] == "case_weights", "variable"]))
    if not names:
        return None
    if len(names) > 1:
        raise InvalidParameterError(
            f"{owner}: there should only be a single column with the role `case_weights`; there are {names}."
        )
    col = data[names[0]]
    if not is_case_weights(col) and not pd.api.types.is_numeric_dtype(col):
        raise InvalidParameterError(
            f"{owner}: {names[0]!r} has the `case_weights` role and should be numeric, but has dtype {col.dtype}."
        )
    return col


def unsupervised_weights(info: pd.DataFrame, data: pd.DataFrame, owner: str) -> np.ndarray | None:
    """Frequency weights as floats for an unsupervised step; None for importance or no weights.

    R: ``are_weights_used(wts, unsupervised = TRUE)`` is FALSE for importance weights.
    """
    from ...case_weights import is_importance_weights

    col = get_case_weights(info, data, owner)
    if col is None or is_importance_weights(col):
        return None
    return col.to_numpy(dtype=np.float64)


def weighted_means(columns: Sequence[np.ndarray], wts: np.ndarray, na_rm: bool) -> np.ndarray:
    """``sum(w x) / sum(w)`` per column over the rows where ``x`` is present (R: ``averages``)."""
    out = np.full(len(columns), np.nan)
    for j, x in enumerate(columns):
        ok = ~np.isnan(x)
        if not ok.all() and not na_rm:
            continue
        w = wts[ok]
        if w.sum() > 0:
            out[j] = float(np.sum(w * x[ok]) / w.sum())
    return out


def weighted_sds(columns: Sequence[np.ndarray], wts: np.ndarray, na_rm: bool) -> np.ndarray:
    """Square roots of R's ``cov.wt`` variances: ``sum(v (x - m)^2) / (1 - sum(v^2))`` with ``v = w / sum(w)``."""
    out = np.full(len(columns), np.nan)
    for j, x in enumerate(columns):
        ok = ~np.isnan(x)
        if not ok.all() and not na_rm:
            continue
        w = wts[ok]
        if w.sum() <= 0:
            continue
        v = w / w.sum()
        m = np.sum(v * x[ok])
        denom = 1.0 - np.sum(v**2)
        out[j] = float(np.sqrt(np.sum(v * (x[ok] - m) ** 2) / denom)) if denom > 0 else np.nan
    return out
