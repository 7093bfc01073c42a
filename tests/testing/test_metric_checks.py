"""Every metric check fails on a metric broken in the way it guards against; tags skip visibly."""

import itertools
import math
import unittest

import attrs
import numpy as np
import pytest

from pytidy.testing import metric_checks as mc
from pytidy.yardstick import mase, new_numeric_metric, rmse


def _rmse_plus_one(t, e, w):
    return float(np.sqrt(np.mean((t - e) ** 2))) + 1.0


_calls = itertools.count()


def _call_counter(t, e, w):
    return float(next(_calls))


def _first_half_mae(t, e, w):
    return float(np.mean(np.abs(t - e)[: len(t) // 2]))


def _always_drop_na(truth, estimate, **kw):
    kw["na_rm"] = True
    return rmse.impl(truth, estimate, **kw)


BROKEN = {
    mc.check_metadata: attrs.evolve(rmse, range=(1.0, 0.0)),
    mc.check_perfect_prediction_scores_best: new_numeric_metric(_rmse_plus_one, "rmse_plus_one", "minimize",
                                                                (0.0, math.inf)),
    mc.check_interfaces_agree: new_numeric_metric(_call_counter, "call_counter", "minimize", (0.0, math.inf)),
    mc.check_row_order_invariance: new_numeric_metric(_first_half_mae, "first_half_mae", "minimize", (0.0, math.inf)),
    mc.check_na_handling: attrs.evolve(rmse, impl=_always_drop_na, name="rmse_always_drops_na"),
    mc.check_value_in_range: attrs.evolve(rmse, range=(0.0, 0.1)),
}


def test_every_check_has_a_broken_metric():
    assert set(BROKEN) == set(mc.METRIC_CHECKS)


@pytest.mark.parametrize("check", mc.METRIC_CHECKS, ids=lambda c: c.__name__)
def test_the_check_fails_on_its_broken_metric(check):
    with pytest.raises(AssertionError, match=f"^{BROKEN[check].name}: "):
        check(BROKEN[check])


@pytest.mark.parametrize("check", mc.METRIC_CHECKS, ids=lambda c: c.__name__)
def test_the_unbroken_metric_passes(check):
    check(rmse)


def test_tags_skip_with_a_reason_and_can_be_declared():
    assert mc.metric_tags(rmse) == mc.MetricTags()
    with pytest.raises(unittest.SkipTest, match="mase: tagged order_dependent"):
        mc.check_row_order_invariance(mase)
    mc.METRIC_TAGS["first_half_mae"] = mc.MetricTags(order_dependent=True)
    try:
        with pytest.raises(unittest.SkipTest, match="first_half_mae: tagged order_dependent"):
            mc.check_row_order_invariance(BROKEN[mc.check_row_order_invariance])
    finally:
        del mc.METRIC_TAGS["first_half_mae"]
