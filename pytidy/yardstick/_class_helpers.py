"""Building blocks on confusion tables (rows = prediction, columns = truth), shared by the class
metrics. Binary helpers take the event's index (0 for ``event_level="first"``); multiclass
helpers return one value per level, or one pooled value for ``"micro"``, with NaN where undefined.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import PytidyWarning
from .estimator_helpers import get_weights, weighted_mean_na

NAN = float("nan")


def pos(event_level: str) -> int:
    return 0 if event_level == "first" else 1


def _warn_binary(metric: str, what: str) -> None:
    warnings.warn(
        f"While computing binary {metric}(), {what} = 0; {metric} is undefined and NaN is returned.",
        PytidyWarning,
        stacklevel=4,
    )


def _warn_multi(metric: str, what: str, levels: np.ndarray) -> None:
    warnings.warn(
        f"While computing multiclass {metric}(), some levels had {what} = 0 (level positions "
        f"{(levels + 1).tolist()}); {metric} is undefined for them and they are left out of the average.",
        PytidyWarning,
        stacklevel=4,
    )


def _ratio(numer: float, denom: float, metric: str, what: str) -> float:
    if denom <= 0:
        _warn_binary(metric, what)
        return NAN
    return float(numer / denom)


def recall_binary(tab: np.ndarray, ev: int, metric: str = "recall") -> float:
    return _ratio(tab[ev, ev], tab[:, ev].sum(), metric, "true_positive + false_negative")


def precision_binary(tab: np.ndarray, ev: int, metric: str = "precision") -> float:
    return _ratio(tab[ev, ev], tab[ev, :].sum(), metric, "true_positive + false_positive")


def spec_binary(tab: np.ndarray, ev: int, metric: str = "spec") -> float:
    ne = 1 - ev
    return _ratio(tab[ne, ne], tab[:, ne].sum(), metric, "true_negative + false_positive")


def inverse_precision_binary(tab: np.ndarray, ev: int, metric: str = "markedness") -> float:
    ne = 1 - ev
    return _ratio(tab[ne, ne], tab[ne, :].sum(), metric, "true_negative + false_negative")


def _finish(numer: np.ndarray, denom: np.ndarray, estimator: str, metric: str, what: str) -> np.ndarray:
    numer = numer.astype(np.float64)
    denom = denom.astype(np.float64)
    undefined = denom <= 0
    if undefined.any():
        _warn_multi(metric, what, np.flatnonzero(undefined))
        numer[undefined] = np.nan
        denom[undefined] = np.nan
    if estimator == "micro":
        return np.array([np.nansum(numer) / np.nansum(denom)])
    with np.errstate(invalid="ignore", divide="ignore"):
        return numer / denom


def recall_multiclass(tab: np.ndarray, estimator: str, metric: str = "recall") -> np.ndarray:
    return _finish(np.diag(tab).copy(), tab.sum(axis=0), estimator, metric, "true_positive + false_negative")


def precision_multiclass(tab: np.ndarray, estimator: str, metric: str = "precision") -> np.ndarray:
    return _finish(np.diag(tab).copy(), tab.sum(axis=1), estimator, metric, "true_positive + false_positive")


def spec_multiclass(tab: np.ndarray, estimator: str, metric: str = "spec") -> np.ndarray:
    n = tab.sum()
    tp = np.diag(tab)
    tpfp = tab.sum(axis=1)
    tpfn = tab.sum(axis=0)
    tn = n - (tpfp + tpfn - tp)
    fp = tpfp - tp
    return _finish(tn, tn + fp, estimator, metric, "true_negative + false_positive")


def inverse_precision_multiclass(tab: np.ndarray, estimator: str, metric: str = "markedness") -> np.ndarray:
    n = tab.sum()
    tpfp = tab.sum(axis=1)
    tpfn = tab.sum(axis=0)
    tp = np.diag(tab)
    tn = n - (tpfp + tpfn - tp)
    fn = tpfn - tp
    return _finish(tn, tn + fn, estimator, metric, "true_negative + false_negative")


def average(tab: np.ndarray, estimator: str, values: np.ndarray, na_rm: bool = True) -> float:
    """R's ``weighted.mean(values, get_weights(table, estimator), na.rm = na_rm)``."""
    return weighted_mean_na(values, get_weights(tab.sum(axis=0), estimator), na_rm=na_rm)


def prevalence_multiclass(tab: np.ndarray, estimator: str) -> np.ndarray:
    tpfn = tab.sum(axis=0)
    total = np.full(tab.shape[0], tab.sum())
    if estimator == "micro":
        return np.array([tpfn.sum() / total.sum()])
    return tpfn / total
