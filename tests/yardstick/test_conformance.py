"""Every public metric passes pytidy.testing.metric_checks (yardstick's interface tests, as a suite)."""

import pytest

import pytidy.yardstick as ys
from pytidy.testing.metric_checks import METRIC_CHECKS
from pytidy.yardstick import METRICS


@pytest.mark.parametrize("check", METRIC_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("metric", list(METRICS.values()), ids=list(METRICS))
def test_metric_conformance(metric, check):
    check(metric)


def test_every_public_metric_is_in_the_suite():
    metric_names = {n for n in ys.__all__ if isinstance(getattr(ys, n), ys.Metric)}
    assert metric_names == set(METRICS)
    assert all(f"{n}_vec" in ys.__all__ for n in METRICS)
