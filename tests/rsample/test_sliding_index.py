"""sliding_index() (R: test-slide.R "sliding_index()"; expected 1-based ids there, 0-based here)."""

import math

import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.rsample import sliding_index


def ids(rs):
    return [(s.in_id.tolist(), s.out_id.tolist()) for s in rs]


def x(*values):
    return pd.DataFrame({"x": list(values)})


def test_defaults():
    rs = sliding_index(pd.DataFrame({"x": [1, 2, 3]}), "x")
    assert ids(rs) == [([0], [1]), ([1], [2])]
    assert rs.kind == "sliding_index" and rs.ids["id"].tolist() == ["Slice1", "Slice2"]
    assert repr(rs).splitlines()[0] == "# Sliding index resampling"


def test_r_reference_windows():
    # R: "can lookback over irregular index"
    assert ids(sliding_index(x(1, 3, 4, 5), "x", lookback=1)) == [([1], [2]), ([1, 2], [3])]
    # R: "can compute assessment indices relative to irregular index"
    assert ids(sliding_index(x(1, 3, 4, 5, 7, 8), "x", lookback=1, assess_stop=2)) == [
        ([1], [2, 3]), ([1, 2], [3]), ([2, 3], [4])]
    # R: "it is possible to create empty assessment sets"
    rs = sliding_index(x(1, 3, 4, 5, 8, 9), "x", lookback=1, assess_stop=2)
    assert len(rs) == 3 and ids(rs)[2] == ([2, 3], [])
    # R: "can add a gap between the analysis and assessment set"
    assert ids(sliding_index(x(1, 3, 4, 5, 7, 8), "x", lookback=2, assess_start=2, assess_stop=3)) == [
        ([0, 1], [3]), ([1, 2], [4]), ([1, 2, 3], [4, 5])]
    # R: "can use `step` to thin results"
    assert ids(sliding_index(x(1, 3, 4, 6, 7, 10), "x", lookback=2, assess_stop=2, step=2)) == [
        ([0, 1], [2]), ([2, 3], [4])]
    # R: "can skip first few resampling slices"
    rs = sliding_index(x(1, 3, 4, 6, 7, 10), "x", lookback=1, skip=2)
    assert len(rs) == 2 and ids(rs)[0] == ([3], [4])
    # R: "`skip` is applied before `step`"
    assert ids(sliding_index(x(1, 3, 4, 6, 7, 9, 11, 13, 14), "x", lookback=1, skip=3, step=2,
                             assess_stop=2)) == [([3, 4], [5]), ([6], [7])]
    # R: "can use incomplete windows at the beginning"
    assert ids(sliding_index(x(1, 3, 4, 5, 7), "x", lookback=2, complete=False, assess_stop=2)) == [
        ([0], [1]), ([0, 1], [2, 3]), ([1, 2], [3]), ([1, 2, 3], [4])]


def test_ties_expanding_and_infinite_assessment():
    df = x(1, 1, 2, 3)
    # one window per row: the tied rows share theirs, as slider::slide_index
    assert ids(sliding_index(df, "x")) == [([0, 1], [2]), ([0, 1], [2]), ([2], [3])]
    assert ids(sliding_index(df, "x", lookback=math.inf)) == [([0, 1], [2]), ([0, 1], [2]), ([0, 1, 2], [3])]
    assert ids(sliding_index(df, "x", assess_stop=math.inf)) == [([0, 1], [2, 3]), ([0, 1], [2, 3]), ([2], [3]),
                                                                 ([3], [])]


def test_dates_count_days_or_timedeltas():
    df = pd.DataFrame({"d": pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-04", "2020-01-05"])})
    by_days = sliding_index(df, "d", lookback=1)
    by_delta = sliding_index(df, "d", lookback=pd.Timedelta(days=1), assess_stop=pd.Timedelta("1D"))
    # Jan 2 looks back to Jan 1 and ahead to the empty Jan 3; Jan 4 sees only itself, then Jan 5
    assert ids(by_days) == ids(by_delta) == [([0, 1], []), ([2], [3])]
    # half a day back from Jan 1 is before the first date (incomplete); 36 h ahead of Jan 4 is past the last
    assert ids(sliding_index(df, "d", lookback=0.5, assess_stop=pd.Timedelta(hours=36))) == [([1], [])]


def test_errors():
    df = x(1, 2, 3)
    with pytest.raises(InvalidParameterError, match=r"`data` in sliding_index\(\) must be a pandas DataFrame; got int"):
        sliding_index(1, "x")
    with pytest.raises(InvalidParameterError, match=r"sliding_index\(\): data lacks the column\(s\) \['y'\]"):
        sliding_index(df, "y")
    with pytest.raises(InvalidParameterError, match=r"`step` in sliding_index\(\) must be a whole number in \[1, inf\); got 0"):
        sliding_index(df, "x", step=0)
    with pytest.raises(InvalidParameterError, match=r"`skip` in sliding_index\(\) must be a whole number in \[0, inf\); got -1"):
        sliding_index(df, "x", skip=-1)
    with pytest.raises(InvalidParameterError, match=r"`complete` in sliding_index\(\) must be True or False; got 'yes'"):
        sliding_index(df, "x", complete="yes")
    with pytest.raises(InvalidParameterError, match=r"`lookback` in sliding_index\(\) must be zero or more; got -1"):
        sliding_index(df, "x", lookback=-1)
    with pytest.raises(InvalidParameterError, match=r"`lookback` in sliding_index\(\) must be a number; got 'a'"):
        sliding_index(df, "x", lookback="a")
    with pytest.raises(InvalidParameterError, match=r"`assess_start` in sliding_index\(\) must be finite; got inf"):
        sliding_index(df, "x", assess_start=math.inf)
    with pytest.raises(InvalidParameterError, match=r"`assess_start` in sliding_index\(\) must be positive; got 0"):
        sliding_index(df, "x", assess_start=0)
    with pytest.raises(InvalidParameterError, match=r"`assess_start` in sliding_index\(\) must be less than or equal to "
                       r"`assess_stop`; got 3 > 2"):
        sliding_index(df, "x", assess_start=3, assess_stop=2)
    with pytest.raises(InvalidParameterError, match=r"`lookback` in sliding_index\(\) is a timedelta but the `index` "
                       r"column is not a date/datetime"):
        sliding_index(df, "x", lookback=pd.Timedelta(days=1))
    with pytest.raises(InvalidParameterError, match=r"`index` in sliding_index\(\) must name a numeric or date/datetime "
                       r"column; 'x' has dtype str"):
        sliding_index(pd.DataFrame({"x": ["a", "b"]}), "x")
    with pytest.raises(InvalidParameterError, match=r"sliding_index\(\): the `index` column 'x' must not contain "
                       r"missing values"):
        sliding_index(x(1.0, None, 3.0), "x")
    with pytest.raises(InvalidParameterError, match=r"sliding_index\(\): the `index` column 'x' must be in ascending "
                       r"order; sort `data` by it first"):
        sliding_index(x(2, 1, 3), "x")
    with pytest.raises(InvalidParameterError, match=r"`lookback` in sliding_index\(\) must be a number or a timedelta; "
                       r"got 'a'"):
        sliding_index(pd.DataFrame({"d": pd.to_datetime(["2020-01-01"])}), "d", lookback="a")
