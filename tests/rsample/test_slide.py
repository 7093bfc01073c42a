"""rolling_origin(), sliding_window(), sliding_period() (R: test-rolling_origin.R, test-slide.R)."""

import math

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import rolling_origin, sliding_period, sliding_window

DAT1 = pd.DataFrame({"a": range(1, 21)})


def ids(rs):
    return [(s.in_id.tolist(), s.out_id.tolist()) for s in rs]


def dates(days):
    """R's vctrs::new_date(days): days since 1970-01-01."""
    return pd.DataFrame({"index": pd.Timestamp("1970-01-01") + pd.to_timedelta(days, unit="D")})


def test_rolling_origin_default():
    rs1 = rolling_origin(DAT1)
    assert [len(s.analysis()) for s in rs1] == list(range(5, 20))  # R: 5:19
    assert all(len(s.assessment()) == 1 for s in rs1)
    for i, s in enumerate(rs1, start=1):  # R: in_id 1:(i + initial - 1), out_id i + initial (1-based)
        assert s.in_id.tolist() == list(range(0, i + 4)) and s.out_id.tolist() == [i + 4]
    assert rs1.ids["id"].iloc[0] == "Slice01" and rs1.ids["id"].iloc[-1] == "Slice15"
    assert repr(rs1).splitlines()[0] == "# Rolling origin forecast resampling"


def test_rolling_origin_larger_holdout_fixed_window_skip_and_lag():
    rs2 = rolling_origin(DAT1, assess=3)
    assert [len(s.analysis()) for s in rs2] == list(range(5, 18)) and all(len(s.out_id) == 3 for s in rs2)
    rs3 = rolling_origin(DAT1, cumulative=False)
    assert all(s.in_id.tolist() == list(range(i, i + 5)) for i, s in enumerate(rs3))
    rs4 = rolling_origin(DAT1, cumulative=False, skip=2)
    for i, s in enumerate(rs4, start=1):
        start = i + 2 * (i - 1)  # R, 1-based
        assert s.in_id.tolist() == list(range(start - 1, start + 4)) and s.out_id.tolist() == [start + 4]
    rs5 = rolling_origin(DAT1, initial=5, assess=1, cumulative=False, skip=0, lag=3)
    assert all(len(s.out_id) == 4 and len(s.in_id) == 5 for s in rs5)
    assert rs5[0].out_id.tolist() == [2, 3, 4, 5]


def test_rolling_origin_errors():
    with pytest.raises(InvalidParameterError, match=r"must be less than or equal to the number of training observations \(initial = 5\); got 6"):
        rolling_origin(DAT1, initial=5, lag=6)
    with pytest.raises(InvalidParameterError, match=r"`lag` in rolling_origin\(\) must be a whole number"):
        rolling_origin(DAT1, lag=2.1)
    with pytest.raises(InvalidParameterError, match=r"there should be at least 21 rows in `data`; got 20"):
        rolling_origin(DAT1, initial=20)


def test_sliding_period_by_month_and_year():
    df = dates([-1, 0, 1, 31])
    assert ids(sliding_period(df, "index", period="month")) == [([0], [1, 2]), ([1, 2], [3])]
    assert ids(sliding_period(df, "index", period="year")) == [([0], [1, 2, 3])]


def test_sliding_period_lookback_and_assess():
    df = dates([-32, -1, 0, 1, 31])
    rs = sliding_period(df, "index", "month", lookback=1)
    assert len(rs) == 2 and ids(rs)[0] == ([0, 1], [2, 3])
    rs = sliding_period(df, "index", "month", assess_stop=2)
    assert ids(rs) == [([0], [1, 2, 3]), ([1], [2, 3, 4])]


def test_sliding_period_step_and_skip():
    df = pd.DataFrame({"x": pd.Timestamp("1970-01-01") + pd.to_timedelta([1, 3, 4, 6, 7, 10], unit="D")})
    assert ids(sliding_period(df, "x", "day", lookback=2, assess_stop=2, step=2)) == [([0, 1], [2]), ([2, 3], [4])]
    df = dates([-32, -1, 0, 1, 31, 59])
    assert ids(sliding_period(df, "index", "month", lookback=1, skip=2)) == [([2, 3, 4], [5])]
    assert ids(sliding_period(df, "index", "month", lookback=math.inf, skip=2)) == [
        ([0, 1, 2, 3], [4]), ([0, 1, 2, 3, 4], [5])]
    df = dates([-32, -1, 0, 1, 31, 59, 90])
    assert ids(sliding_period(df, "index", "month", lookback=math.inf, skip=2, step=2)) == [
        ([0, 1, 2, 3], [4]), ([0, 1, 2, 3, 4, 5], [6])]


def test_sliding_period_incomplete_windows():
    df = dates([-32, -1, 0, 1, 59, 90])
    rs = sliding_period(df, "index", "month", lookback=2, complete=False)
    assert ids(rs) == [([0], [1]), ([0, 1], [2, 3]), ([0, 1, 2, 3], []), ([2, 3, 4], [5])]
    assert rs.ids["id"].tolist() == ["Slice1", "Slice2", "Slice3", "Slice4"]


def test_sliding_period_every_and_week():
    df = dates(np.arange(0, 60))
    rs = sliding_period(df, "index", "month", every=2)  # Jan-Feb 1970, then Mar 1970
    assert len(rs) == 1 and len(rs[0].in_id) == 59 and rs[0].out_id.tolist() == [59]
    rs = sliding_period(dates(np.arange(0, 21)), "index", "week")  # 1970-01-01 is a Thursday
    assert [len(s.in_id) for s in rs] == [7, 7]


def test_sliding_period_errors():
    df = dates([0, 1, 2])
    with pytest.raises(InvalidParameterError, match=r"`period` in sliding_period\(\) must be one of 'year', .* got 'fortnight'"):
        sliding_period(df, "index", "fortnight")
    with pytest.raises(InvalidParameterError, match=r"sliding_period\(\): data lacks the column\(s\) \['y'\]"):
        sliding_period(df, "y", "day")
    with pytest.raises(InvalidParameterError, match="must be in ascending order; sort `data` by it first"):
        sliding_period(df.iloc[::-1], "index", "day")
    with pytest.raises(InvalidParameterError, match="must name a date or datetime column; 'x' has dtype int64"):
        sliding_period(pd.DataFrame({"x": [1, 2]}), "x", "day")
    with pytest.raises(InvalidParameterError, match="must not contain missing values"):
        sliding_period(pd.DataFrame({"x": pd.to_datetime(["2020-01-01", None])}), "x", "day")
    with pytest.raises(InvalidParameterError, match=r"`data` in sliding_period\(\) must be a pandas DataFrame"):
        sliding_period(1, "x", "day")


def test_sliding_window_and_its_checks():
    rs = sliding_window(DAT1.iloc[:6], lookback=math.inf, assess_stop=2)
    assert ids(rs) == [([0], [1, 2]), ([0, 1], [2, 3]), ([0, 1, 2], [3, 4]), ([0, 1, 2, 3], [4, 5])]
    assert repr(rs).splitlines()[0] == "# Sliding window resampling"
    with pytest.raises(InvalidParameterError, match=r"`assess_start` in sliding_window\(\) must be less than or equal to `assess_stop`; got 2 > 1"):
        sliding_window(DAT1, assess_start=2, assess_stop=1)
    with pytest.raises(InvalidParameterError, match=r"`assess_stop` in sliding_window\(\) must be a whole number in \[1, inf\); got -1"):
        sliding_window(DAT1, assess_stop=-1)
    with pytest.raises(InvalidParameterError, match=r"`lookback` in sliding_window\(\) must be a whole number in \[0, inf\); got 'a'"):
        sliding_window(DAT1, lookback="a")
    with pytest.raises(InvalidParameterError, match=r"`step` in sliding_window\(\) must be a whole number in \[1, inf\); got 0"):
        sliding_window(DAT1, step=0)
    with pytest.raises(InvalidParameterError, match=r"`skip` in sliding_window\(\) must be a whole number in \[0, inf\); got -1"):
        sliding_window(DAT1, skip=-1)
