"""The ``Metric`` object and its constructors (R: ``new_class_metric()``, ``new_prob_metric()``,
``new_numeric_metric()`` in ``yardstick/R/aaa-new.R``, and ``metric_tweak()``).

A metric is a small frozen object holding its metadata (``name``, ``kind``, ``direction``,
``range``) and an implementation that works on vectors. Calling it on a DataFrame returns one
row of ``.metric, .estimator, .estimate``; on a pandas ``DataFrameGroupBy`` one row per group,
with the group column(s) first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from attrs import evolve, field, frozen
from attrs.validators import in_
from pandas.core.groupby import DataFrameGroupBy

from .._converters import as_dict, as_tuple
from .._checks import check_columns
from ..errors import InvalidParameterError
from ._validation import (
    as_numeric,
    as_weights,
    check_options,
    encode,
    encode_pair,
    missing_mask,
    weights_missing,
)
from .estimator_helpers import finalize_estimator

__all__ = ["Metric", "new_class_metric", "new_prob_metric", "new_numeric_metric", "metric_tweak"]

KINDS = ("class", "prob", "numeric")
DIRECTIONS = ("maximize", "minimize", "zero")
NAN = float("nan")


@frozen(eq=False)
class Metric:
    """A performance metric: metadata plus a vector implementation.

    Attributes
    ----------
    name : str
        Value of the ``.metric`` column.
    kind : {"class", "prob", "numeric"}
        What the metric needs: predicted classes, class probabilities or numeric predictions.
    direction : {"maximize", "minimize", "zero"}
        Which values are better; tune ranks results with it.
    range : tuple of float
        The possible values, e.g. ``(0.0, 1.0)``.
    impl : callable
        ``impl(truth, estimate, *, estimator, na_rm, event_level, case_weights, **options)``
        returning ``(value, estimator_name)``.
    option_names : tuple of str
        Metric-specific keyword options (``beta`` for f_meas, ``sum`` for mn_log_loss, ...).
    options : dict
        Fixed option values (set by :func:`metric_tweak`).
    table_fn : callable or None
        For class metrics: ``table_fn(table, estimator, event_level, **options)`` on a confusion
        table (rows = prediction, columns = truth), so a metric also accepts a ``conf_mat``.
    estimator_policy : str
        How ``estimator=None`` is resolved (see :mod:`pytidy.yardstick.estimator_helpers`).

    Examples
    --------
    >>> from pytidy.yardstick import accuracy
    >>> df = pd.DataFrame({"truth": ["a", "b", "a"], "pred": ["a", "b", "b"]})
    >>> accuracy(df, "truth", "pred")
         .metric .estimator  .estimate
    0  accuracy     binary   0.666667
    >>> accuracy.direction, accuracy.range
    ('maximize', (0.0, 1.0))
    """

    name: str
    kind: str = field(validator=in_(KINDS))
    direction: str = field(validator=in_(DIRECTIONS))
    range: tuple[float, float] = field(converter=as_tuple)
    impl: Callable[..., tuple[float, str]] = field(repr=False)
    option_names: tuple[str, ...] = field(default=(), converter=as_tuple)
    options: dict[str, Any] = field(factory=dict, converter=as_dict)
    table_fn: Callable[..., float] | None = field(default=None, repr=False)
    estimator_policy: str = "default"

    @property
    def __name__(self) -> str:  # lets a Metric stand in for a function in reprs and ids
        return self.name

    def __repr__(self) -> str:
        opts = "".join(f", {k}={v!r}" for k, v in self.options.items())
        return f"<{self.kind} metric {self.name!r}: {self.direction} in {list(self.range)}{opts}>"

    # -- vector interface -------------------------------------------------------------------
    def vec(
        self,
        truth: Any,
        estimate: Any,
        *,
        estimator: str | None = None,
        na_rm: bool = True,
        event_level: str = "first",
        case_weights: Any = None,
        **options: Any,
    ) -> float:
        """The metric on vectors (R: ``<metric>_vec()``); returns a float."""
        return self.compute(
            truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
            case_weights=case_weights, **options,
        )[0]

    def compute(self, truth: Any, estimate: Any, *, estimator: str | None = None, na_rm: bool = True,
                event_level: str = "first", case_weights: Any = None, **options: Any) -> tuple[float, str]:
        """Like :meth:`vec` but returns ``(value, estimator_name)``."""
        owner = f"{self.name}()"
        check_options(na_rm, event_level, owner)
        opts = self._options(options)
        value, est = self.impl(
            truth, estimate, estimator=estimator, na_rm=na_rm, event_level=event_level,
            case_weights=case_weights, **opts,
        )
        return float(value), est

    def _options(self, options: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(options) - set(self.option_names))
        if unknown:
            allowed = ", ".join(self.option_names) or "none"
            raise InvalidParameterError(
                f"{self.name}() got unknown option(s) {unknown}; its options are: {allowed}."
            )
        return {**self.options, **options}

    # -- data frame interface ---------------------------------------------------------------
    def __call__(
        self,
        data: Any,
        truth: str | None = None,
        *columns: str,
        estimate: Any = None,
        estimator: str | None = None,
        na_rm: bool = True,
        event_level: str = "first",
        case_weights: Any = None,
        **options: Any,
    ) -> pd.DataFrame:
        """Compute the metric on a DataFrame, a grouped DataFrame or (class metrics) a confusion table.

        Parameters
        ----------
        data : DataFrame, DataFrameGroupBy, ConfMat or 2-D array
            The predictions. A ``groupby()`` gives one row per group, group columns first.
        truth : str
            Name of the column with the true values (a categorical: its first category is the event).
        *columns : str
            Class and numeric metrics: the estimate column. Probability metrics: the probability
            column of the first level for two classes, or one column per level, in level order.
        estimate : str, optional
            The estimate column by keyword (class and numeric metrics). Probability metrics
            accept it, so one call line serves a class/prob set, but ignore it when
            ``columns`` are given.
        estimator, na_rm, event_level, case_weights
            As in R; ``case_weights`` is a column name or a vector with one weight per row.
        **options
            Metric-specific options such as ``beta`` (f_meas) or ``sum`` (mn_log_loss).
        """
        if not isinstance(data, (pd.DataFrame, DataFrameGroupBy)) and hasattr(data, "columns"):
            from .._frames import as_frame  # polars / pyarrow frames

            data = as_frame(data, "data", f"{self.name}()")
        if isinstance(data, DataFrameGroupBy):
            return self._grouped(data, truth, columns, estimate, estimator, na_rm, event_level,
                                 case_weights, options)
        table = _as_table(data)
        if table is not None:
            if self.table_fn is None:
                raise InvalidParameterError(
                    f"{self.name}() is a {self.kind} metric and cannot be computed from a confusion table."
                )
            check_options(na_rm, event_level, f"{self.name}()")
            opts = self._options(options)
            est = finalize_estimator(self.estimator_policy, table.shape[0], estimator, f"{self.name}()")
            value = self.table_fn(table, est, event_level, **opts)
            return _result(self.name, est, value)
        if not isinstance(data, pd.DataFrame):
            raise InvalidParameterError(
                f"{self.name}() needs a DataFrame (or a groupby of one) as `data`; got "
                f"{type(data).__name__}. For vectors use {self.name}_vec(truth, estimate)."
            )
        t, e, w = self._columns(data, truth, columns, estimate, case_weights)
        value, est = self.compute(t, e, estimator=estimator, na_rm=na_rm, event_level=event_level,
                                  case_weights=w, **options)
        return _result(self.name, est, value)

    def _columns(self, data: pd.DataFrame, truth: Any, columns: tuple[Any, ...], estimate: Any,
                 case_weights: Any) -> tuple[Any, Any, Any]:
        owner = f"{self.name}()"
        if truth is None:
            raise InvalidParameterError(f"{owner} needs `truth`, the name of the column of true values.")
        if self.kind == "prob":
            cols = list(columns)
            if not cols:
                if estimate is None:
                    raise InvalidParameterError(
                        f"{owner} needs the probability column(s) after `truth`: the first level's "
                        "column for two classes, or one column per level, in level order."
                    )
                cols = [estimate] if isinstance(estimate, str) else list(estimate)
        else:
            if len(columns) > 1:
                raise InvalidParameterError(
                    f"{owner} takes one estimate column; got {list(columns)}."
                )
            if columns and estimate is not None:
                raise InvalidParameterError(
                    f"{owner} got the estimate column twice: positionally ({columns[0]!r}) "
                    f"and as estimate={estimate!r}."
                )
            if not columns and estimate is None:
                raise InvalidParameterError(
                    f"{owner} needs `estimate`, the name of the column of predictions."
                )
            cols = [columns[0] if columns else estimate]
        wcol = [case_weights] if isinstance(case_weights, str) else []
        check_columns(data, [truth, *cols, *wcol], owner)
        t = data[truth]
        if self.kind == "prob":
            e = data[cols[0]].to_numpy(dtype=np.float64) if len(cols) == 1 else data[cols].to_numpy(
                dtype=np.float64)
        elif self.kind == "numeric":
            e = data[cols[0]]
        else:
            e = data[cols[0]]
        w = data[case_weights].to_numpy(dtype=np.float64) if wcol else case_weights
        return t, e, w

    def _grouped(self, gb: DataFrameGroupBy, truth, columns, estimate, estimator, na_rm, event_level,
                 case_weights, options) -> pd.DataFrame:
        keys = gb.keys
        names = [keys] if isinstance(keys, str) else list(keys) if isinstance(keys, (list, tuple)) else None
        if names is None or not all(isinstance(k, str) for k in names):
            raise InvalidParameterError(
                f"{self.name}() on grouped data needs the groups to be column names, "
                "as in df.groupby('Resample') or df.groupby(['id', 'id2'])."
            )
        obj = gb.obj
        # Fix the factor levels once on the whole data, so each group sees the same levels.
        if truth is not None and self.kind != "numeric" and truth in obj.columns:
            obj = _with_fixed_levels(obj, truth, columns, estimate, self.kind)
            gb = obj.groupby(names, sort=gb.sort, observed=True, dropna=gb.dropna)
        weights_vec = None
        if case_weights is not None and not isinstance(case_weights, str):
            weights_vec = as_weights(case_weights, len(obj), f"{self.name}()")
            ngroup = gb.ngroup().to_numpy()
        frames = []
        for i, (key, sub) in enumerate(gb):
            key = key if isinstance(key, tuple) else (key,)
            cw = case_weights if weights_vec is None else weights_vec[np.flatnonzero(ngroup == i)]
            out = self(sub, truth, *columns, estimate=estimate, estimator=estimator, na_rm=na_rm,
                       event_level=event_level, case_weights=cw, **options)
            for name, value in reversed(list(zip(names, key))):
                out.insert(0, name, [value])
            frames.append(out)
        if not frames:
            return pd.DataFrame(columns=[*names, ".metric", ".estimator", ".estimate"])
        return pd.concat(frames, ignore_index=True)


def _with_fixed_levels(obj: pd.DataFrame, truth: str, columns, estimate, kind: str) -> pd.DataFrame:
    if isinstance(obj[truth].dtype, pd.CategoricalDtype):
        return obj
    obj = obj.copy()
    if kind == "class":
        est_col = columns[0] if columns else estimate
        if isinstance(est_col, str) and est_col in obj.columns:
            _, _, levels = encode_pair(obj[truth], obj[est_col], "metric")
            obj[truth] = pd.Categorical(obj[truth], categories=levels)
            return obj
    _, levels = encode(obj[truth], "metric")
    obj[truth] = pd.Categorical(obj[truth], categories=levels)
    return obj


def _as_table(data: Any) -> np.ndarray | None:
    table = getattr(data, "table", None)
    if isinstance(table, np.ndarray) and table.ndim == 2:
        return table.astype(np.float64)
    if isinstance(data, np.ndarray) and data.ndim == 2:
        if data.shape[0] != data.shape[1]:
            raise InvalidParameterError(
                f"A confusion table must be square (rows = prediction, columns = truth); got shape {data.shape}."
            )
        return data.astype(np.float64)
    return None


def _result(name: str, estimator: str, value: float) -> pd.DataFrame:
    return pd.DataFrame({".metric": [name], ".estimator": [estimator], ".estimate": [float(value)]})


# -- constructors ----------------------------------------------------------------------------
def confusion_table(t: np.ndarray, e: np.ndarray, k: int, w: np.ndarray | None) -> np.ndarray:
    """``table(estimate, truth)`` with one ``bincount``: rows = prediction, columns = truth.

    Examples
    --------
    >>> confusion_table(np.array([0, 0, 1]), np.array([0, 1, 1]), 2, None).tolist()
    [[1.0, 0.0], [1.0, 1.0]]
    """
    idx = e * k + t
    return np.bincount(idx, weights=w, minlength=k * k).reshape(k, k).astype(np.float64)


def new_class_metric(
    table_fn: Callable[..., float],
    name: str,
    direction: str,
    range: tuple[float, float] = (0.0, 1.0),
    *,
    estimator_policy: str = "default",
    option_names: tuple[str, ...] = (),
) -> Metric:
    """Build a class metric from a function of the confusion table (R: ``new_class_metric()``).

    ``table_fn(table, estimator, event_level, **options)`` gets a float table with predictions in
    rows and truth in columns.

    Examples
    --------
    >>> def agree(table, estimator, event_level):
    ...     return np.trace(table) / table.sum()
    >>> my_acc = new_class_metric(agree, "my_accuracy", "maximize", estimator_policy="fixed")
    >>> my_acc.vec(["a", "b"], ["a", "a"])
    0.5
    """
    owner = f"{name}()"

    def impl(truth, estimate, *, estimator, na_rm, event_level, case_weights, **options):
        t, e, levels = encode_pair(truth, estimate, owner)
        if t.shape != e.shape:
            raise InvalidParameterError(
                f"{owner}: `truth` ({t.size}) and `estimate` ({e.size}) must have the same length."
            )
        w = as_weights(case_weights, t.size, owner)
        est = finalize_estimator(estimator_policy, len(levels), estimator, owner, weighted=w is not None)
        miss = None
        if (t.size and min(t.min(), e.min()) < 0) or (w is not None and math.isnan(w.sum())):
            miss = missing_mask(t < 0, e < 0, weights_missing(w))
        if miss is not None:
            if not na_rm:
                return NAN, est
            keep = ~miss
            t, e, w = t[keep], e[keep], (None if w is None else w[keep])
        table = confusion_table(t, e, len(levels), w)
        return table_fn(table, est, event_level, **options), est

    return Metric(name=name, kind="class", direction=direction, range=range, impl=impl,
                  option_names=option_names, table_fn=table_fn, estimator_policy=estimator_policy)


def new_prob_metric(
    prob_fn: Callable[..., float],
    name: str,
    direction: str,
    range: tuple[float, float] = (0.0, 1.0),
    *,
    estimator_policy: str = "default",
    option_names: tuple[str, ...] = (),
) -> Metric:
    """Build a probability metric (R: ``new_prob_metric()``).

    ``prob_fn(truth_codes, estimate, levels, estimator, event_level, weights, **options)`` gets
    validated inputs without missing values: ``estimate`` is a vector (the event's probability)
    when ``estimator == "binary"`` and an ``(n, k)`` matrix in level order otherwise.

    Examples
    --------
    >>> def mean_event_prob(t, p, levels, estimator, event_level, w):
    ...     return float(np.mean(p))
    >>> m = new_prob_metric(mean_event_prob, "mean_prob", "maximize")
    >>> m.vec(["a", "b"], [0.9, 0.3])
    0.6
    """
    owner = f"{name}()"

    def impl(truth, estimate, *, estimator, na_rm, event_level, case_weights, **options):
        t, levels = encode(truth, owner, "truth")
        p = as_numeric(estimate, owner, "estimate")
        if p.ndim == 2 and p.shape[1] == 1:
            p = p[:, 0]
        if p.shape[0] != t.size:
            raise InvalidParameterError(
                f"{owner}: `truth` ({t.size}) and `estimate` ({p.shape[0]}) must have the same length."
            )
        w = as_weights(case_weights, t.size, owner)
        k = len(levels)
        est = finalize_estimator(estimator_policy, k, estimator, owner, weighted=w is not None)
        if est == "binary":
            if p.ndim != 1:
                raise InvalidParameterError(
                    f"{owner} is binary here (`truth` has 2 levels), so it takes one probability "
                    f"column, that of the first level (the event); got {p.shape[1]} columns."
                )
            pmiss = None
        else:
            if p.ndim != 2 or p.shape[1] != k:
                got = 1 if p.ndim == 1 else p.shape[1]
                raise InvalidParameterError(
                    f"{owner}: the number of levels in `truth` ({k}) must match the number of "
                    f"probability columns ({got}); pass one column per level, in level order."
                )
            pmiss = None
        miss = None
        # One pass each: a NaN anywhere makes the sum NaN; only then build the row masks.
        if (t.size and t.min() < 0) or math.isnan(p.sum()) or (w is not None and math.isnan(w.sum())):
            pmiss = np.isnan(p) if p.ndim == 1 else np.isnan(p).any(axis=1)
            miss = missing_mask(t < 0, pmiss, weights_missing(w))
        if miss is not None:
            if not na_rm:
                return NAN, est
            keep = ~miss
            t, p, w = t[keep], p[keep], (None if w is None else w[keep])
        return prob_fn(t, p, levels, est, event_level, w, **options), est

    return Metric(name=name, kind="prob", direction=direction, range=range, impl=impl,
                  option_names=option_names, estimator_policy=estimator_policy)


def new_numeric_metric(
    num_fn: Callable[..., float],
    name: str,
    direction: str,
    range: tuple[float, float] = (0.0, math.inf),
    *,
    option_names: tuple[str, ...] = (),
) -> Metric:
    """Build a numeric metric (R: ``new_numeric_metric()``).

    ``num_fn(truth, estimate, weights, **options)`` gets float vectors without missing values.

    Examples
    --------
    >>> m = new_numeric_metric(lambda t, e, w: float(np.max(np.abs(t - e))), "max_error", "minimize")
    >>> m.vec([1.0, 2.0], [1.5, 4.0])
    2.0
    """
    owner = f"{name}()"

    def impl(truth, estimate, *, estimator, na_rm, event_level, case_weights, **options):
        t = as_numeric(truth, owner, "truth")
        e = as_numeric(estimate, owner, "estimate")
        if t.ndim != 1 or t.shape != e.shape:
            raise InvalidParameterError(
                f"{owner}: `truth` {t.shape} and `estimate` {e.shape} must be vectors of the same length."
            )
        w = as_weights(case_weights, t.size, owner)
        miss = None
        # One BLAS dot finds any NaN (NaN * x is NaN); only then build the row masks.
        probe = float(t @ e) if t.size else 0.0
        if not math.isfinite(probe) or (w is not None and math.isnan(w.sum())):
            miss = missing_mask(np.isnan(t), np.isnan(e), weights_missing(w))
        if miss is not None:
            if not na_rm:
                return NAN, "standard"
            keep = ~miss
            t, e, w = t[keep], e[keep], (None if w is None else w[keep])
        return num_fn(t, e, w, **options), "standard"

    return Metric(name=name, kind="numeric", direction=direction, range=range, impl=impl,
                  option_names=option_names, estimator_policy="numeric")


def metric_tweak(name: str, metric: Metric, **options: Any) -> Metric:
    """A copy of ``metric`` with some options fixed, under a new name (R: ``metric_tweak()``).

    Examples
    --------
    >>> from pytidy.yardstick import f_meas
    >>> f2 = metric_tweak("f2", f_meas, beta=2)
    >>> f2
    <class metric 'f2': maximize in [0.0, 1.0], beta=2>
    """
    if not isinstance(name, str) or not name:
        raise InvalidParameterError(f"`name` in metric_tweak() must be a non-empty string; got {name!r}.")
    if not isinstance(metric, Metric):
        raise InvalidParameterError(
            f"`metric` in metric_tweak() must be a Metric such as tm.f_meas; got {type(metric).__name__}."
        )
    protected = {"data", "truth", "estimate", "estimator", "na_rm", "event_level", "case_weights"}
    bad = sorted(protected & set(options))
    if bad:
        raise InvalidParameterError(
            f"metric_tweak() cannot fix the argument(s) {bad}; these are given when the metric is called."
        )
    opts = metric._options(options)
    return evolve(metric, name=name, options=opts)
