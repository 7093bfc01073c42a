"""Conformance checks every yardstick metric passes (the metric part of ``pytidy.testing``).

Like scikit-learn's ``parametrize_with_checks`` and yardstick's "All interfaces gives the same
results" tests: a third-party :class:`~pytidy.yardstick.Metric` can run the same suite::

    @pytest.mark.parametrize("check", METRIC_CHECKS, ids=lambda c: c.__name__)
    def test_my_metric(check):
        check(my_metric)
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..yardstick.metric import DIRECTIONS, KINDS, Metric

__all__ = ["METRIC_CHECKS", "example_data", "check_metadata", "check_perfect_prediction_scores_best",
           "check_interfaces_agree", "check_row_order_invariance", "check_na_handling",
           "check_value_in_range"]

LEVELS = ["a", "b", "c"]


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
    assert isinstance(metric, Metric)
    assert metric.kind in KINDS, metric.kind
    assert metric.direction in DIRECTIONS, metric.direction
    lo, hi = metric.range
    assert lo < hi, metric.range
    if metric.direction == "zero":
        assert lo < 0 < hi, "a 'zero' metric's range must contain 0"


def check_perfect_prediction_scores_best(metric: Metric) -> None:
    """A perfect prediction scores the best value (the range end, or 0 for "zero" metrics)."""
    for n_levels in ([2, 3] if metric.kind != "numeric" else [2]):
        df, cols = example_data(metric, n_levels=n_levels, perfect=True)
        value = _value(metric, df, cols)
        if metric.name == "iic":  # both error means are needed; with no errors R gives NaN too
            assert math.isnan(value)
            continue
        if metric.name == "detection_prevalence":  # a perfect prediction detects the true prevalence
            best = float(np.mean(df["truth"].cat.codes == 0)) if n_levels == 2 else 1.0 / n_levels
            assert math.isclose(value, best, abs_tol=1e-9), (value, best)
            continue
        if metric.direction == "zero":
            best = 0.0
        elif metric.name in ("mn_log_loss",):  # clipped at machine epsilon, as in R
            best = 0.0
            assert value < 1e-12, value
            continue
        else:
            best = metric.range[1] if metric.direction == "maximize" else metric.range[0]
        if math.isinf(best):  # e.g. rpd, rpiq: perfect prediction divides by 0
            assert value == best or math.isnan(value) or value > 1e6, value
            continue
        assert math.isclose(value, best, abs_tol=1e-9), (metric.name, n_levels, value, best)
        # ... and it is at least as good as an imperfect prediction
        df2, cols2 = example_data(metric, n_levels=n_levels, perfect=False)
        other = _value(metric, df2, cols2)
        if metric.direction == "maximize":
            assert other <= value + 1e-12
        elif metric.direction == "minimize":
            assert other >= value - 1e-12
        else:
            assert abs(other) >= abs(value) - 1e-12


def check_interfaces_agree(metric: Metric) -> None:
    """``metric(df, ...)``, ``metric.vec(...)`` and the grouped call give the same number."""
    for n_levels in ([2, 3] if metric.kind != "numeric" else [2]):
        df, cols = example_data(metric, n_levels=n_levels)
        via_df = _value(metric, df, cols)
        est = df[cols[0]] if len(cols) == 1 else df[cols].to_numpy()
        via_vec = metric.vec(df["truth"], est)
        assert via_df == via_vec or (math.isnan(via_df) and math.isnan(via_vec)), (via_df, via_vec)
        grouped = metric(df.assign(g="one").groupby("g"), "truth", *cols)
        assert list(grouped.columns) == ["g", ".metric", ".estimator", ".estimate"]
        assert grouped[".estimate"].iloc[0] == via_df or math.isnan(via_df)


def check_row_order_invariance(metric: Metric) -> None:
    """Shuffling the rows does not change the value (except for mase, which uses time order)."""
    if metric.name == "mase":
        return
    df, cols = example_data(metric, n_levels=3 if metric.kind != "numeric" else 2)
    perm = np.random.default_rng(1).permutation(len(df))
    a = _value(metric, df, cols)
    b = _value(metric, df.iloc[perm], cols)
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (a, b)


def check_na_handling(metric: Metric) -> None:
    """A missing estimate is dropped with ``na_rm=True`` and gives NaN with ``na_rm=False``."""
    df, cols = example_data(metric)
    df = df.copy()
    df.loc[0, cols[0]] = np.nan
    assert math.isnan(float(metric(df, "truth", *cols, na_rm=False)[".estimate"].iloc[0]))
    dropped = _value(metric, df.iloc[1:], cols)
    kept = _value(metric, df, cols)
    assert dropped == kept or (math.isnan(dropped) and math.isnan(kept))


def check_value_in_range(metric: Metric) -> None:
    """An ordinary prediction scores inside the declared range."""
    df, cols = example_data(metric)
    value = _value(metric, df, cols)
    lo, hi = metric.range
    assert lo - 1e-12 <= value <= hi + 1e-12, (metric.name, value, metric.range)


METRIC_CHECKS: list[Callable[[Metric], None]] = [
    check_metadata,
    check_perfect_prediction_scores_best,
    check_interfaces_agree,
    check_row_order_invariance,
    check_na_handling,
    check_value_in_range,
]
