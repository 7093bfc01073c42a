"""ROC, precision-recall, gain and lift curves (R: ``yardstick/R/probcurve-*.R``).

Each returns a DataFrame marked with ``df.attrs["yardstick_curve"]`` ("roc", "pr", "gain",
"lift"), which :func:`pytidy.autoplot` draws. More than two levels give one-vs-all curves with a
leading ``.level`` column; a grouped DataFrame gives the group columns first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from pandas.core.groupby import DataFrameGroupBy

from .._checks import check_columns
from ..errors import InvalidParameterError
from ._prob_helpers import event_mask, gain_points, pr_points, threshold_curve
from ._validation import as_numeric, as_weights, check_options, encode, missing_mask, weights_missing

__all__ = ["roc_curve", "pr_curve", "gain_curve", "lift_curve",
           "roc_curve_vec", "pr_curve_vec", "gain_curve_vec", "lift_curve_vec"]


def _roc_binary(event: np.ndarray, score: np.ndarray, w: np.ndarray | None, levels, thresholds=None) -> dict:
    ev_lvl, ctrl_lvl = levels
    if not event.any():
        raise InvalidParameterError(f"roc_curve(): no event observations were detected in `truth` with "
                                    f"event level {ev_lvl!r}.")
    if event.all():
        raise InvalidParameterError(f"roc_curve(): no control observations were detected in `truth` with "
                                    f"control level {ctrl_lvl!r}.")
    if thresholds is not None:
        thr_arr = np.asarray(thresholds, dtype=np.float64)
        if np.any((thr_arr < 0) | (thr_arr > 1)):
            raise InvalidParameterError("`thresholds` in roc_curve() must only take values between 0 and 1.")
    thr, tp, fp = threshold_curve(event, score, w, thresholds)
    sens = tp / tp[-1] if thresholds is None else tp / (w[event].sum() if w is not None else event.sum())
    spec = 1 - (fp / fp[-1] if thresholds is None else fp / (w[~event].sum() if w is not None else (~event).sum()))
    return {
        ".threshold": np.concatenate(([-np.inf], thr[::-1], [np.inf])),
        "specificity": np.concatenate(([0.0], spec[::-1], [1.0])),
        "sensitivity": np.concatenate(([1.0], sens[::-1], [0.0])),
    }


def _pr_binary(event, score, w, levels) -> dict:
    thr, recall, precision = pr_points(event, score, w)
    return {".threshold": thr, "recall": recall, "precision": precision}


def _gain_binary(event, score, w, levels) -> dict:
    return gain_points(event, score, w)


def _lift_binary(event, score, w, levels) -> dict:
    g = gain_points(event, score, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        lift = g[".percent_found"] / g[".percent_tested"]
    return {".n": g[".n"], ".n_events": g[".n_events"], ".percent_tested": g[".percent_tested"], ".lift": lift}


_BINARY: dict[str, Callable[..., dict]] = {"roc": _roc_binary, "pr": _pr_binary, "gain": _gain_binary,
                                            "lift": _lift_binary}


def _curve_vec(kind: str, truth: Any, estimate: Any, na_rm: bool, event_level: str, case_weights: Any,
               **kwargs: Any) -> pd.DataFrame:
    owner = f"{kind}_curve()"
    check_options(na_rm, event_level, owner)
    t, levels = encode(truth, owner)
    p = as_numeric(estimate, owner, "estimate")
    if p.ndim == 2 and p.shape[1] == 1:
        p = p[:, 0]
    w = as_weights(case_weights, t.size, owner)
    k = len(levels)
    if p.shape[0] != t.size:
        raise InvalidParameterError(f"{owner}: `truth` ({t.size}) and `estimate` ({p.shape[0]}) differ in length.")
    if k <= 2:
        if p.ndim != 1:
            raise InvalidParameterError(
                f"{owner}: `truth` has 2 levels, so pass one probability column, that of the first level "
                f"(the event); got {p.shape[1]} columns.")
        pmiss = np.isnan(p)
    else:
        if p.ndim != 2 or p.shape[1] != k:
            got = 1 if p.ndim == 1 else p.shape[1]
            raise InvalidParameterError(
                f"{owner}: the number of levels in `truth` ({k}) must match the number of probability "
                f"columns ({got}).")
        pmiss = np.isnan(p).any(axis=1)
    miss = missing_mask(t < 0, pmiss, weights_missing(w))
    if miss is not None:
        if not na_rm:
            raise InvalidParameterError(f"{owner}: missing values were detected and na_rm=False; "
                                        "not able to compute the curve.")
        keep = ~miss
        t, p, w = t[keep], p[keep], (None if w is None else w[keep])
    fn = _BINARY[kind]
    if k <= 2:
        if k < 2:
            raise InvalidParameterError(f"{owner}: `truth` needs two levels; pass it as a Categorical.")
        ev = 0 if event_level == "first" else 1
        out = pd.DataFrame(fn(event_mask(t, event_level), p, w, (levels[ev], levels[1 - ev]), **kwargs))
    else:
        frames = []
        for i, lvl in enumerate(levels):
            part = pd.DataFrame(fn(t == i, p[:, i], w, (lvl, "..other"), **kwargs))
            part.insert(0, ".level", lvl)
            frames.append(part)
        out = pd.concat(frames, ignore_index=True)
    out.attrs["yardstick_curve"] = kind
    return out


def _curve_df(kind: str, data: Any, truth: str, columns: tuple[str, ...], estimate: Any, na_rm: bool,
              event_level: str, case_weights: Any, **kwargs: Any) -> pd.DataFrame:
    owner = f"{kind}_curve()"
    cols = list(columns) or ([estimate] if isinstance(estimate, str) else list(estimate or []))
    if not cols:
        raise InvalidParameterError(f"{owner} needs the probability column(s) after `truth`.")
    if isinstance(data, DataFrameGroupBy):
        keys = data.keys
        names = [keys] if isinstance(keys, str) else list(keys)
        obj = data.obj
        if not isinstance(obj[truth].dtype, pd.CategoricalDtype):
            obj = obj.copy()
            _, levels = encode(obj[truth], owner)
            obj[truth] = pd.Categorical(obj[truth], categories=levels)
        frames = []
        for key, sub in obj.groupby(names, sort=data.sort, observed=True, dropna=data.dropna):
            key = key if isinstance(key, tuple) else (key,)
            part = _curve_df(kind, sub, truth, tuple(cols), None, na_rm, event_level, case_weights, **kwargs)
            for name, value in reversed(list(zip(names, key))):
                part.insert(0, name, value)
            frames.append(part)
        out = pd.concat(frames, ignore_index=True)
        out.attrs["yardstick_curve"] = kind
        out.attrs["yardstick_groups"] = names
        return out
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(f"{owner} needs a DataFrame (or a groupby of one); got {type(data).__name__}.")
    wcol = [case_weights] if isinstance(case_weights, str) else []
    check_columns(data, [truth, *cols, *wcol], owner)
    p = data[cols[0]].to_numpy(dtype=np.float64) if len(cols) == 1 else data[cols].to_numpy(dtype=np.float64)
    w = data[case_weights].to_numpy(dtype=np.float64) if wcol else case_weights
    return _curve_vec(kind, data[truth], p, na_rm, event_level, w, **kwargs)


def roc_curve(data: Any, truth: str, *columns: str, estimate: Any = None, na_rm: bool = True,
              event_level: str = "first", case_weights: Any = None, thresholds: Any = None) -> pd.DataFrame:
    """The ROC curve: ``.threshold, specificity, sensitivity`` at each distinct probability.

    The first row is ``(-inf, 0, 1)`` and the last ``(inf, 1, 0)``, as in R.

    Parameters
    ----------
    data : DataFrame or DataFrameGroupBy
    truth : str
        Column of true classes (a categorical: its first category is the event).
    *columns : str
        The event's probability column (two levels) or one column per level, in level order.
    estimate : str or list of str, optional
        The probability column(s) by keyword, if not given positionally.
    na_rm, event_level, case_weights
        As in :func:`roc_auc`.
    thresholds : array-like, optional
        Compute the curve only at these thresholds in [0, 1] (R 1.4's ``thresholds``).

    Examples
    --------
    >>> df = pd.DataFrame({"y": ["a", "a", "b", "b"], "p": [0.9, 0.4, 0.6, 0.1]})
    >>> roc_curve(df, "y", "p")
       .threshold  specificity  sensitivity
    0        -inf          0.0          1.0
    1         0.1          0.0          1.0
    2         0.4          0.5          1.0
    3         0.6          0.5          0.5
    4         0.9          1.0          0.5
    5         inf          1.0          0.0
    """
    return _curve_df("roc", data, truth, columns, estimate, na_rm, event_level, case_weights,
                     thresholds=thresholds)


def pr_curve(data: Any, truth: str, *columns: str, estimate: Any = None, na_rm: bool = True,
             event_level: str = "first", case_weights: Any = None) -> pd.DataFrame:
    """The precision-recall curve: ``.threshold, recall, precision``, starting at ``(inf, 0, 1)``.

    Arguments as in :func:`roc_curve`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": ["x", "y", "y", "x", "x"], "p": [0.9, 0.9, 0.8, 0.4, 0.3]})
    >>> pr_curve(df, "y", "p")["precision"].round(4).tolist()
    [1.0, 0.5, 0.3333, 0.5, 0.6]
    """
    return _curve_df("pr", data, truth, columns, estimate, na_rm, event_level, case_weights)


def gain_curve(data: Any, truth: str, *columns: str, estimate: Any = None, na_rm: bool = True,
               event_level: str = "first", case_weights: Any = None) -> pd.DataFrame:
    """The gain curve: ``.n, .n_events, .percent_tested, .percent_found`` (percentages 0-100).

    Arguments as in :func:`roc_curve`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": pd.Categorical(["Yes", "Yes", "No", "Yes", "No"], categories=["Yes", "No"]),
    ...                    "p": [0.9, 0.8, 0.7, 0.68, 0.5]})
    >>> gain_curve(df, "y", "p")[".percent_found"].round(2).tolist()
    [0.0, 33.33, 66.67, 66.67, 100.0, 100.0]
    """
    return _curve_df("gain", data, truth, columns, estimate, na_rm, event_level, case_weights)


def lift_curve(data: Any, truth: str, *columns: str, estimate: Any = None, na_rm: bool = True,
               event_level: str = "first", case_weights: Any = None) -> pd.DataFrame:
    """The lift curve: ``.n, .n_events, .percent_tested, .lift`` with ``.lift = found / tested``.

    The first row's lift is NaN (0 / 0), as in R. Arguments as in :func:`roc_curve`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": pd.Categorical(["Yes", "Yes", "No", "Yes", "No"], categories=["Yes", "No"]),
    ...                    "p": [0.9, 0.8, 0.7, 0.68, 0.5]})
    >>> lift_curve(df, "y", "p")[".lift"].round(4).tolist()
    [nan, 1.6667, 1.6667, 1.1111, 1.25, 1.0]
    """
    return _curve_df("lift", data, truth, columns, estimate, na_rm, event_level, case_weights)


def roc_curve_vec(truth: Any, estimate: Any, *, na_rm: bool = True, event_level: str = "first",
                  case_weights: Any = None, thresholds: Any = None) -> pd.DataFrame:
    """:func:`roc_curve` on vectors.

    Examples
    --------
    >>> roc_curve_vec(["a", "b"], [0.8, 0.3])["sensitivity"].tolist()
    [1.0, 1.0, 1.0, 0.0]
    """
    return _curve_vec("roc", truth, estimate, na_rm, event_level, case_weights, thresholds=thresholds)


def pr_curve_vec(truth: Any, estimate: Any, *, na_rm: bool = True, event_level: str = "first",
                 case_weights: Any = None) -> pd.DataFrame:
    """:func:`pr_curve` on vectors.

    Examples
    --------
    >>> pr_curve_vec(["a", "b"], [0.8, 0.3])["recall"].tolist()
    [0.0, 1.0, 1.0]
    """
    return _curve_vec("pr", truth, estimate, na_rm, event_level, case_weights)


def gain_curve_vec(truth: Any, estimate: Any, *, na_rm: bool = True, event_level: str = "first",
                   case_weights: Any = None) -> pd.DataFrame:
    """:func:`gain_curve` on vectors.

    Examples
    --------
    >>> gain_curve_vec(["a", "b"], [0.8, 0.3])[".percent_found"].tolist()
    [0.0, 100.0, 100.0]
    """
    return _curve_vec("gain", truth, estimate, na_rm, event_level, case_weights)


def lift_curve_vec(truth: Any, estimate: Any, *, na_rm: bool = True, event_level: str = "first",
                   case_weights: Any = None) -> pd.DataFrame:
    """:func:`lift_curve` on vectors.

    Examples
    --------
    >>> lift_curve_vec(["a", "b"], [0.8, 0.3])[".lift"].tolist()
    [nan, 2.0, 1.0]
    """
    return _curve_vec("lift", truth, estimate, na_rm, event_level, case_weights)
