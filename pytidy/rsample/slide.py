"""Time-ordered resampling: rolling origin and sliding windows (R: ``R/rolling_origin.R``, ``R/slide.R``)."""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from typing import Any, cast

import numpy as np
import pandas as pd

from .._checks import check_bool, check_choice, check_number
from ..errors import InvalidParameterError
from ._utils import check_column_arg, check_data, check_whole, names0
from .rset import RSet, new_rset
from .rsplit import RSplit

__all__ = ["rolling_origin", "sliding_window", "sliding_period", "sliding_index"]

PERIODS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")
_NS = {"week": 7 * 86400 * 10**9, "day": 86400 * 10**9, "hour": 3600 * 10**9, "minute": 60 * 10**9,
       "second": 10**9}


def rolling_origin(
    data: pd.DataFrame,
    initial: int = 5,
    assess: int = 1,
    cumulative: bool = True,
    skip: int = 0,
    lag: int = 0,
) -> RSet:
    """Forecast-style resamples: train on the first rows, assess on the next ``assess`` (R: ``rolling_origin()``).

    The origin moves forward ``skip + 1`` rows per resample. With ``cumulative=True`` the analysis
    set grows from row 0; otherwise it is a window of ``initial`` rows.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows in time order.
    initial : int, default 5
        Rows in the first analysis set.
    assess : int, default 1
        Rows in each assessment set.
    cumulative : bool, default True
        Grow the analysis set (True) or slide a fixed-size window (False).
    skip : int, default 0
        Resamples to thin out between kept ones.
    lag : int, default 0
        Rows of the analysis set repeated at the start of the assessment set (for lagged predictors).

    Returns
    -------
    RSet
        ``kind="rolling_origin"``, ids ``Slice01``, ...

    Examples
    --------
    >>> rs = rolling_origin(pd.DataFrame({"t": range(20)}), initial=5, assess=1)
    >>> len(rs), rs.ids["id"].iloc[0]
    (15, 'Slice01')
    >>> rs[0].in_id.tolist(), rs[0].out_id.tolist()
    ([0, 1, 2, 3, 4], [5])
    """
    owner = "rolling_origin()"
    data = check_data(data, owner)
    initial = check_number(initial, "initial", owner, lower=1, integer=True)
    assess = check_number(assess, "assess", owner, lower=1, integer=True)
    skip = check_number(skip, "skip", owner, lower=0, integer=True)
    lag = check_number(lag, "lag", owner, lower=0, integer=True)
    n = len(data)
    if n < initial + assess:
        raise InvalidParameterError(f"{owner}: there should be at least {initial + assess} rows in `data`; got {n}.")
    if lag > initial:
        raise InvalidParameterError(
            f"`lag` in {owner} must be less than or equal to the number of training observations "
            f"(initial = {initial}); got {lag}."
        )
    stops = np.arange(initial, n - assess + 1, skip + 1)  # 1-based last analysis row, as R's seq()
    ids = names0(len(stops), "Slice")
    splits = []
    for stop, sid in zip(stops, ids):
        start = 0 if cumulative else stop - initial
        splits.append(RSplit(data, np.arange(start, stop), np.arange(stop - lag, stop + assess),
                             id={"id": sid}, kind="rof_split"))
    attrs = {"initial": initial, "assess": assess, "cumulative": cumulative, "skip": skip, "lag": lag}
    return new_rset(splits, ids, kind="rolling_origin", attrs=attrs)


def _slide_splits(
    data: pd.DataFrame, groups: np.ndarray, lookback, assess_start, assess_stop, complete: bool,
    step: int, skip: int, kind: str,
) -> list[RSplit]:
    """slider's ``slide_period`` windows over ascending group numbers, then R's skip/step thinning."""
    u = np.unique(groups)
    if u.size == 0:
        return []
    uf = u.astype(float)
    in_lo, in_hi = uf - lookback, uf
    out_lo, out_hi = uf + assess_start, uf + assess_stop
    valid = np.ones(u.size, dtype=bool)
    if complete and not math.isinf(lookback):
        valid &= in_lo >= uf[0]  # slider: incomplete windows at the start are dropped
    if not math.isinf(assess_stop):
        valid &= out_hi <= uf[-1]  # assessment windows are always complete
    g = groups.astype(float)
    i_lo, i_hi = np.searchsorted(g, in_lo, "left"), np.searchsorted(g, in_hi, "right")
    o_lo, o_hi = np.searchsorted(g, out_lo, "left"), np.searchsorted(g, out_hi, "right")
    keep = np.flatnonzero(valid)[skip:][::step]
    ids = names0(len(keep), "Slice")
    return [
        RSplit(data, np.arange(i_lo[j], i_hi[j]), np.arange(o_lo[j], max(o_lo[j], o_hi[j])),
               id={"id": sid}, kind=kind)
        for j, sid in zip(keep, ids)
    ]


def _check_slide_args(lookback, assess_start, assess_stop, step, skip, owner):
    lookback = check_whole(lookback, "lookback", owner, lower=0, allow_inf=True)
    assess_start = check_whole(assess_start, "assess_start", owner, lower=1, allow_inf=True)
    assess_stop = check_whole(assess_stop, "assess_stop", owner, lower=1, allow_inf=True)
    step = check_number(step, "step", owner, lower=1, integer=True)
    skip = check_number(skip, "skip", owner, lower=0, integer=True)
    if assess_start > assess_stop:
        raise InvalidParameterError(
            f"`assess_start` in {owner} must be less than or equal to `assess_stop`; "
            f"got {assess_start} > {assess_stop}."
        )
    return lookback, assess_start, assess_stop, step, skip


def _finish(splits, attrs, kind) -> RSet:
    return new_rset(splits, [s.id["id"] for s in splits], kind=kind, attrs=attrs)


def sliding_window(
    data: pd.DataFrame,
    lookback: int = 0,
    assess_start: int = 1,
    assess_stop: int = 1,
    complete: bool = True,
    step: int = 1,
    skip: int = 0,
) -> RSet:
    """Sliding windows over rows: analysis = row i and ``lookback`` rows before it (R: ``sliding_window()``).

    The assessment set is rows ``i + assess_start`` to ``i + assess_stop``. ``lookback=math.inf``
    gives an expanding window. ``skip`` drops the first resamples, then ``step`` keeps every step-th.

    Examples
    --------
    >>> rs = sliding_window(pd.DataFrame({"t": range(6)}), lookback=2)
    >>> [(s.in_id.tolist(), s.out_id.tolist()) for s in rs]
    [([0, 1, 2], [3]), ([1, 2, 3], [4]), ([2, 3, 4], [5])]
    """
    owner = "sliding_window()"
    data = check_data(data, owner)
    args = _check_slide_args(lookback, assess_start, assess_stop, step, skip, owner)
    splits = _slide_splits(data, np.arange(len(data)), args[0], args[1], args[2], complete,
                           args[3], args[4], "sliding_window_split")
    attrs = dict(zip(("lookback", "assess_start", "assess_stop", "step", "skip"), args), complete=complete)
    return _finish(splits, attrs, "sliding_window")


def period_groups(index: Any, period: str, every: int = 1, origin: Any = None) -> np.ndarray:
    """Period number of each time point since ``origin`` (R: ``warp::warp_distance``)."""
    ts = pd.DatetimeIndex(pd.to_datetime(index))
    if ts.tz is not None:
        ts = ts.tz_localize(None)
    o = pd.Timestamp("1970-01-01") if origin is None else pd.Timestamp(origin)
    if o.tz is not None:
        o = o.tz_localize(None)
    if period == "year":
        dist = np.asarray(ts.year - o.year, dtype=np.int64)
    elif period in ("quarter", "month"):
        dist = np.asarray((ts.year - o.year) * 12 + (ts.month - o.month), dtype=np.int64)
        every = every * (3 if period == "quarter" else 1)
    else:
        dist = (ts.as_unit("ns").asi8 - o.as_unit("ns").value) // _NS[period]
    return dist // every


def sliding_period(
    data: pd.DataFrame,
    index: str,
    period: str,
    lookback: int = 0,
    assess_start: int = 1,
    assess_stop: int = 1,
    complete: bool = True,
    step: int = 1,
    skip: int = 0,
    every: int = 1,
    origin: Any = None,
) -> RSet:
    """Sliding windows over calendar periods of a date column (R: ``sliding_period()``).

    The rows are grouped by ``period`` ("year", "quarter", "month", "week", "day", "hour", "minute",
    "second") of ``data[index]``, ``every`` periods per group, counted from ``origin`` (default
    1970-01-01). For each period present, the analysis set is that period and ``lookback`` periods
    before it; the assessment set is periods ``assess_start`` to ``assess_stop`` after it. Windows
    reaching before the first or after the last period are dropped (``complete=True``). Then
    ``skip`` drops the first resamples and ``step`` keeps every step-th.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows sorted by ``index``.
    index : str
        Name of a date/datetime column, ascending, without missing values.
    period : str
        The period to group by.
    lookback, assess_start, assess_stop : int
        Window bounds in periods (``lookback`` and ``assess_stop`` may be ``math.inf``).
    complete : bool, default True
        Drop analysis windows that do not have ``lookback`` periods before them.
    step, skip : int
        Thinning of the resamples (``skip`` first).
    every : int, default 1
        Number of periods per group.
    origin : date-like, optional
        Reference point for counting periods.

    Returns
    -------
    RSet
        ``kind="sliding_period"``, ids ``Slice01``, ...

    Examples
    --------
    >>> df = pd.DataFrame({"d": pd.to_datetime(["2020-01-05", "2020-01-20", "2020-02-03", "2020-03-09"])})
    >>> rs = sliding_period(df, "d", "month")
    >>> [(s.in_id.tolist(), s.out_id.tolist()) for s in rs]
    [([0, 1], [2]), ([2], [3])]
    """
    owner = "sliding_period()"
    data = check_data(data, owner)
    index = check_column_arg(data, index, "index", owner, allow_none=False)
    period = check_choice(period, "period", owner, PERIODS)
    every = check_number(every, "every", owner, lower=1, integer=True)
    args = _check_slide_args(lookback, assess_start, assess_stop, step, skip, owner)
    col = data[index]
    if not (pd.api.types.is_datetime64_any_dtype(col) or col.map(lambda v: hasattr(v, "year")).all()):
        raise InvalidParameterError(
            f"`index` in {owner} must name a date or datetime column; {index!r} has dtype {col.dtype}."
        )
    if col.isna().any():
        raise InvalidParameterError(f"{owner}: the `index` column {index!r} must not contain missing values.")
    groups = period_groups(col, period, every, origin)
    if not pd.DatetimeIndex(pd.to_datetime(col)).is_monotonic_increasing:
        raise InvalidParameterError(
            f"{owner}: the `index` column {index!r} must be in ascending order; sort `data` by it first."
        )
    splits = _slide_splits(data, groups, args[0], args[1], args[2], complete, args[3], args[4],
                           "sliding_period_split")
    attrs = dict(zip(("lookback", "assess_start", "assess_stop", "step", "skip"), args),
                 index=index, period=period, complete=complete, every=every, origin=origin)
    return _finish(splits, attrs, "sliding_period")


def _index_offset(value: Any, name: str, owner: str, is_time: bool, *, lower: float, allow_inf: bool):
    """A window offset in the units of the index: a number (days for a datetime index, as R's
    ``Date`` arithmetic), a timedelta for a datetime index, or ``math.inf`` where allowed."""
    if isinstance(value, (pd.Timedelta, np.timedelta64, _dt.timedelta)):
        if not is_time:
            raise InvalidParameterError(
                f"`{name}` in {owner} is a timedelta but the `index` column is not a date/datetime; "
                "give a number in the units of the index."
            )
        out = pd.Timedelta(value).value
    elif isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value:
        real = cast(float, value)  # a numbers.Real: compares and multiplies as a float does
        if math.isinf(real):
            if not (allow_inf and real > 0):
                raise InvalidParameterError(f"`{name}` in {owner} must be finite; got {value!r}.")
            return math.inf
        out = round(real * 86400 * 10**9) if is_time else float(real)
    else:
        raise InvalidParameterError(
            f"`{name}` in {owner} must be a number{' or a timedelta' if is_time else ''}; got {value!r}."
        )
    if out < lower:
        raise InvalidParameterError(f"`{name}` in {owner} must be zero or more; got {value!r}.")
    return out


def sliding_index(
    data: pd.DataFrame,
    index: str,
    lookback: Any = 0,
    assess_start: Any = 1,
    assess_stop: Any = 1,
    complete: bool = True,
    step: int = 1,
    skip: int = 0,
) -> RSet:
    """Sliding windows over the values of an index column (R: ``sliding_index()``, ``slider::slide_index``).

    There is one window per row ``i`` (rows sharing an index value share a window): the analysis
    set is the rows whose index lies in ``[x_i - lookback, x_i]``, the assessment set those in
    ``[x_i + assess_start, x_i + assess_stop]``. As slider's ``.complete``, a window is dropped when
    its bounds reach past the first index value (analysis, only with ``complete=True``) or past the
    last (assessment, always); a complete window may still hold no rows (an empty assessment set, as
    R). Then ``skip`` drops the first resamples and ``step`` keeps every step-th.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows sorted by ``index``.
    index : str
        A numeric or date/datetime column, ascending, without missing values.
    lookback : number, timedelta or math.inf, default 0
        How far back the analysis window reaches; ``math.inf`` gives an expanding window.
    assess_start, assess_stop : number or timedelta, default 1
        Where the assessment window starts and stops after ``x_i`` (``assess_stop`` may be ``math.inf``).
        For a datetime index a number counts days (R's ``Date`` arithmetic); a ``pd.Timedelta`` works
        too. R's lubridate periods (months, years) are not supported; use :func:`sliding_period`.
    complete : bool, default True
        Drop analysis windows that reach before the first index value.
    step, skip : int
        Thinning of the resamples (``skip`` first).

    Returns
    -------
    RSet
        ``kind="sliding_index"``, ids ``Slice01``, ...

    Raises
    ------
    InvalidParameterError
        Bad arguments (R hands ``lookback``/``assess_*`` to slider unchecked; here ``lookback`` must
        be >= 0 and ``0 < assess_start <= assess_stop``), an index that is not numeric or datetime,
        has missing values or is not ascending.

    Examples
    --------
    >>> df = pd.DataFrame({"x": [1, 3, 4, 5, 7, 8]})
    >>> rs = sliding_index(df, "x", lookback=1, assess_stop=2)
    >>> [(s.in_id.tolist(), s.out_id.tolist()) for s in rs]
    [([1], [2, 3]), ([1, 2], [3]), ([2, 3], [4])]
    >>> rs.ids["id"].tolist()
    ['Slice1', 'Slice2', 'Slice3']
    """
    owner = "sliding_index()"
    data = check_data(data, owner)
    index = check_column_arg(data, index, "index", owner, allow_none=False)
    step = check_number(step, "step", owner, lower=1, integer=True)
    skip = check_number(skip, "skip", owner, lower=0, integer=True)
    check_bool(complete, "complete", owner)
    col = data[index]
    is_time = pd.api.types.is_datetime64_any_dtype(col)
    if not is_time and not (pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)):
        raise InvalidParameterError(
            f"`index` in {owner} must name a numeric or date/datetime column; {index!r} has dtype {col.dtype}."
        )
    if col.isna().any():
        raise InvalidParameterError(f"{owner}: the `index` column {index!r} must not contain missing values.")
    if is_time:
        ts = pd.DatetimeIndex(col)
        x = (ts.tz_localize(None) if ts.tz is not None else ts).as_unit("ns").asi8
    else:
        x = col.to_numpy(dtype=float)
    if x.size and np.any(np.diff(x) < 0):
        raise InvalidParameterError(
            f"{owner}: the `index` column {index!r} must be in ascending order; sort `data` by it first."
        )
    lb = _index_offset(lookback, "lookback", owner, is_time, lower=0, allow_inf=True)
    a0 = _index_offset(assess_start, "assess_start", owner, is_time, lower=-math.inf, allow_inf=False)
    a1 = _index_offset(assess_stop, "assess_stop", owner, is_time, lower=-math.inf, allow_inf=True)
    if a0 <= 0:
        raise InvalidParameterError(f"`assess_start` in {owner} must be positive; got {assess_start!r}.")
    if a0 > a1:
        raise InvalidParameterError(
            f"`assess_start` in {owner} must be less than or equal to `assess_stop`; "
            f"got {assess_start!r} > {assess_stop!r}."
        )
    n = x.size
    splits: list[RSplit] = []
    if n:
        valid = np.ones(n, dtype=bool)
        if math.isinf(lb):
            i_lo = np.zeros(n, dtype=np.int64)
        else:
            i_lo = np.searchsorted(x, x - lb, "left")
            if complete:
                valid &= x - lb >= x[0]
        i_hi = np.searchsorted(x, x, "right")
        o_lo = np.searchsorted(x, x + a0, "left")
        if math.isinf(a1):
            o_hi = np.full(n, n, dtype=np.int64)
        else:
            o_hi = np.searchsorted(x, x + a1, "right")
            valid &= x + a1 <= x[-1]
        keep = np.flatnonzero(valid)[skip:][::step]
        ids = names0(len(keep), "Slice")
        splits = [
            RSplit(data, np.arange(i_lo[j], i_hi[j]), np.arange(o_lo[j], max(o_lo[j], o_hi[j])),
                   id={"id": sid}, kind="sliding_index_split")
            for j, sid in zip(keep, ids)
        ]
    attrs = {"index": index, "lookback": lookback, "assess_start": assess_start,
             "assess_stop": assess_stop, "complete": complete, "step": step, "skip": skip}
    return _finish(splits, attrs, "sliding_index")
