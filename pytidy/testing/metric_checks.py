"""Conformance checks every yardstick metric passes (the metric part of ``pytidy.testing``).

Like scikit-learn's ``parametrize_with_checks`` and yardstick's "All interfaces gives the same
results" tests: a third-party :class:`~pytidy.yardstick.Metric` can run the same suite::

    @pytest.mark.parametrize("check", METRIC_CHECKS, ids=lambda c: c.__name__)
    def test_my_metric(check):
        check(my_metric)

What applies to a metric is declared by its tags (:class:`MetricTags`, as scikit-learn's
estimator tags): a metric object with a ``tags`` attribute, or an entry of :data:`METRIC_TAGS`
(``METRIC_TAGS["my_metric"] = MetricTags(order_dependent=True)``). A check that does not apply
raises :class:`unittest.SkipTest` with the reason (a visible skip under pytest); a failing check
raises ``AssertionError`` naming the metric and what is wrong.
"""

from __future__ import annotations

import math
import unittest
from collections.abc import Callable
from typing import NoReturn

import numpy as np
import pandas as pd
from attrs import frozen

from ..yardstick.metric import DIRECTIONS, KINDS, Metric

__all__ = ["METRIC_CHECKS", "METRIC_TAGS", "MetricTags", "metric_tags", "example_data", "check_metadata", "check_perfect_prediction_scores_best",
           "check_interfaces_agree", "check_row_order_invariance", "check_na_handling",
           "check_value_in_range"]

LEVELS = ["a", "b", "c"]


@frozen
class MetricTags:
    """What a metric is, so the checks know which apply.

    Attributes
    ----------
    multiclass : bool
        Accepts more than two classes (class and prob metrics are checked on 2 and 3 levels).
    perfect_scores_best : bool
        A perfect prediction scores the best end of ``range`` (0 for "zero" metrics). False for
        ``iic`` (R gives NaN without errors) and ``detection_prevalence`` (it reports how often
        the event is predicted, not how well).
    order_dependent : bool
        The value depends on row order (``mase`` scales by the in-sample naive forecast).

    Examples
    --------
    >>> from pytidy.yardstick import mase
    >>> metric_tags(mase).order_dependent
    True
    """

    multiclass: bool = True
    perfect_scores_best: bool = True
    order_dependent: bool = False


#: Tags of the built-in metrics that differ from ``MetricTags()``; third-party metrics may add theirs.
METRIC_TAGS: dict[str, MetricTags] = {
    "iic": MetricTags(perfect_scores_best=False),
    "detection_prevalence": MetricTags(perfect_scores_best=False),
    "mase": MetricTags(order_dependent=True),
}


def metric_tags(metric: Metric) -> MetricTags:
    """The metric's own ``tags`` attribute, else its :data:`METRIC_TAGS` entry, else ``MetricTags()``."""
    own = getattr(metric, "tags", None)
    if isinstance(own, MetricTags):
        return own
    return METRIC_TAGS.get(metric.name, MetricTags())


def _fail(metric: Metric, msg: str) -> NoReturn:
    raise AssertionError(f"{metric.name}: {msg}")


def _skip(metric: Metric, reason: str) -> None:
    raise unittest.SkipTest(f"{metric.name}: {reason}")


def _levels(metric: Metric) -> list[int]:
    if metric.kind == "numeric":
        return [2]
    return [2, 3] if metric_tags(metric).multiclass else [2]


def example_data(metric: Metric, n: int = 60, n_levels: int = 2, seed: int = 0,
                 perfect: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """A DataFrame for ``metric`` and the columns to pass after ``truth``.

    Class metrics get columns ``truth, estimate``; prob metrics ``truth`` plus ``p_<level>``
    (one column for two levels); numeric metrics ``truth, estimate``. With ``perfect=True`` the
    predictions equal the truth (probability 1 on the true class).

    Examples
    --------
    >>> from pytidy.yardstick import roc_auc
    >>> df, cols = example_data(roc_auc, n=6, n_levels=3)
    >>> cols
    ['p_a', 'p_b', 'p_c']
    """
    rng = np.random.default_rng(seed)
    if metric.kind == "numeric":
        truth = rng.normal(10.0, 3.0, size=n)
        est = truth.copy() if perfect else truth + rng.normal(0.0, 1.0, size=n)
        return pd.DataFrame({"truth": truth, "estimate": est}), ["estimate"]
    levels = LEVELS[:n_levels]
    codes = np.arange(n) % n_levels
    rng.shuffle(codes)
    truth = pd.Categorical.from_codes(codes, categories=levels)
    if metric.kind == "class":
        est_codes = codes.copy()
        if not perfect:
            flip = rng.random(n) < 0.3
            est_codes[flip] = rng.integers(0, n_levels, size=flip.sum())
        est = pd.Categorical.from_codes(est_codes, categories=levels)
        return pd.DataFrame({"truth": truth, "estimate": est}), ["estimate"]
    probs = rng.dirichlet(np.ones(n_levels), size=n)
    if perfect:
        probs = np.eye(n_levels)[codes]
    else:
        probs = 0.5 * probs + 0.5 * np.eye(n_levels)[codes] * rng.random((n, 1))
        probs = probs / probs.sum(axis=1, keepdims=True)
    df = pd.DataFrame({"truth": truth})
    cols = [f"p_{lv}" for lv in levels]
    for i, c in enumerate(cols):
        df[c] = probs[:, i]
    multi_only = metric.estimator_policy in ("macro", "macro_weighted")
    return df, cols if (n_levels > 2 or multi_only) else cols[:1]


def _value(metric: Metric, df: pd.DataFrame, cols: list[str]) -> float:
    return float(metric(df, "truth", *cols)[".estimate"].iloc[0])


def check_metadata(metric: Metric) -> None:
    """``kind``, ``direction`` and ``range`` are declared and consistent.

    Examples
    --------
    >>> from pytidy.yardstick import rmse
    >>> for check in METRIC_CHECKS:
    ...     check(rmse)
    """
    if not isinstance(metric, Metric):
        raise AssertionError(f"{metric!r} is not a pytidy.yardstick.Metric; build it with new_*_metric().")
    if metric.kind not in KINDS:
        _fail(metric, f"kind {metric.kind!r} is not one of {KINDS}.")
    if metric.direction not in DIRECTIONS:
        _fail(metric, f"direction {metric.direction!r} is not one of {DIRECTIONS}.")
    lo, hi = metric.range
    if not lo < hi:
        _fail(metric, f"range {metric.range} must have lower < upper.")
    if metric.direction == "zero" and not lo < 0 < hi:
        _fail(metric, f"a 'zero' metric's range must contain 0; got {metric.range}.")


def check_perfect_prediction_scores_best(metric: Metric) -> None:
    """A perfect prediction scores the best value (the range end, or 0 for "zero" metrics) and
    at least as well as an ordinary prediction. Skipped for metrics tagged
    ``perfect_scores_best=False``."""
    if not metric_tags(metric).perfect_scores_best:
        _skip(metric, "tagged perfect_scores_best=False: a perfect prediction does not score the range end.")
    for n_levels in _levels(metric):
        df, cols = example_data(metric, n_levels=n_levels, perfect=True)
        value = _value(metric, df, cols)
        if metric.direction == "zero":
            best = 0.0
        else:
            best = metric.range[1] if metric.direction == "maximize" else metric.range[0]
        if math.isinf(best):  # e.g. rpd, rpiq: a perfect prediction divides by 0
            if not (value == best or math.isnan(value) or value > 1e6):
                _fail(metric, f"a perfect prediction scores {value}; expected {best} (or an unbounded value).")
            continue
        if not math.isclose(value, best, abs_tol=1e-9):
            _fail(metric, f"a perfect prediction ({n_levels} levels) scores {value}; the best value is {best}.")
        df2, cols2 = example_data(metric, n_levels=n_levels, perfect=False)
        other = _value(metric, df2, cols2)
        worse = {"maximize": other <= value + 1e-12, "minimize": other >= value - 1e-12,
                 "zero": abs(other) >= abs(value) - 1e-12}[metric.direction]
        if not worse:
            _fail(metric, f"an ordinary prediction ({other}) scores better than a perfect one ({value}).")


def check_interfaces_agree(metric: Metric) -> None:
    """``metric(df, ...)``, ``metric.vec(...)`` and the grouped call give the same number."""
    for n_levels in _levels(metric):
        df, cols = example_data(metric, n_levels=n_levels)
        via_df = _value(metric, df, cols)
        est = df[cols[0]] if len(cols) == 1 else df[cols].to_numpy()
        via_vec = metric.vec(df["truth"], est)
        if not (via_df == via_vec or (math.isnan(via_df) and math.isnan(via_vec))):
            _fail(metric, f"metric(df) gives {via_df} but metric.vec() gives {via_vec}.")
        grouped = metric(df.assign(g="one").groupby("g"), "truth", *cols)
        if list(grouped.columns) != ["g", ".metric", ".estimator", ".estimate"]:
            _fail(metric, f"a grouped call must return g, .metric, .estimator, .estimate; got {list(grouped.columns)}.")
        got = grouped[".estimate"].iloc[0]
        if not (got == via_df or (math.isnan(via_df) and math.isnan(got))):
            _fail(metric, f"the grouped call gives {got} but metric(df) gives {via_df}.")


def check_row_order_invariance(metric: Metric) -> None:
    """Shuffling the rows does not change the value. Skipped for metrics tagged ``order_dependent``."""
    if metric_tags(metric).order_dependent:
        _skip(metric, "tagged order_dependent: the value depends on row order by design.")
    df, cols = example_data(metric, n_levels=3 if metric.kind != "numeric" and metric_tags(metric).multiclass else 2)
    perm = np.random.default_rng(1).permutation(len(df))
    a = _value(metric, df, cols)
    b = _value(metric, df.iloc[perm], cols)
    if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        _fail(metric, f"shuffled rows give {b} instead of {a}.")


def check_na_handling(metric: Metric) -> None:
    """A missing estimate is dropped with ``na_rm=True`` and gives NaN with ``na_rm=False``."""
    df, cols = example_data(metric)
    df = df.copy()
    df.loc[0, cols[0]] = np.nan
    kept_nan = float(metric(df, "truth", *cols, na_rm=False)[".estimate"].iloc[0])
    if not math.isnan(kept_nan):
        _fail(metric, f"with na_rm=False a missing estimate must give NaN; got {kept_nan}.")
    dropped = _value(metric, df.iloc[1:], cols)
    kept = _value(metric, df, cols)
    if not (dropped == kept or (math.isnan(dropped) and math.isnan(kept))):
        _fail(metric, f"with na_rm=True the row with a missing estimate must be dropped: {kept} != {dropped}.")


def check_value_in_range(metric: Metric) -> None:
    """An ordinary prediction scores inside the declared range."""
    df, cols = example_data(metric)
    value = _value(metric, df, cols)
    lo, hi = metric.range
    if not lo - 1e-12 <= value <= hi + 1e-12:
        _fail(metric, f"an ordinary prediction scores {value}, outside the declared range {metric.range}.")


METRIC_CHECKS: list[Callable[[Metric], None]] = [
    check_metadata,
    check_perfect_prediction_scores_best,
    check_interfaces_agree,
    check_row_order_invariance,
    check_na_handling,
    check_value_in_range,
]
