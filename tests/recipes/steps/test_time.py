"""Date and time-series steps: step_date, step_holiday, step_lag, step_window."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import pytidy as tm

from pytidy.errors import InvalidParameterError
from pytidy.hardhat import tune
from pytidy.recipes import recipe
from pytidy.recipes.steps.date import step_date
from pytidy.recipes.steps.holiday import HOLIDAYS, holiday_dates, list_holidays, step_holiday
from pytidy.recipes.steps.lag import step_lag
from pytidy.recipes.steps.window import roll_statistic, step_window


@pytest.fixture
def days():
    # R test-holiday.R: every day of 2017 plus a missing date
    return pd.DataFrame({"day": pd.to_datetime(list(pd.date_range("2017-01-01", "2017-12-31")) + [pd.NaT])})


# -- date -----------------------------------------------------------------------------------

def test_date_features_match_lubridate():
    d = pd.DataFrame({"y": [1.0, 2.0, 3.0],
                      "Dan": pd.to_datetime(["2002-03-05 00:00", "2016-12-31 18:00", None])})
    feats = ("year", "doy", "week", "decimal", "semester", "quarter", "dow", "month", "mday")
    out = step_date(recipe("y ~ .", d), "Dan", features=feats, label=False).prep().bake(None)
    assert out.columns.tolist() == ["Dan", "y"] + [f"Dan_{f}" for f in feats]
    row = out.iloc[0]
    # lubridate: year 2002, yday 64, week 10, quarter 1, semester 1, wday 3 (Tuesday), month 3, mday 5
    assert [row[f"Dan_{f}"] for f in ("year", "doy", "week", "semester", "quarter", "dow", "month", "mday")] == [
        2002, 64, 10, 1, 1, 3, 3, 5]
    assert row["Dan_decimal"] == pytest.approx(2002 + 63 / 365)
    assert out["Dan_decimal"].iloc[1] == pytest.approx(2016 + (365 + 0.75) / 366)  # leap year, 18:00
    assert out["Dan_dow"].iloc[1] == 7 and np.isnan(out["Dan_year"].iloc[2])


def test_date_labels():
    d = pd.DataFrame({"y": [1.0, 2.0], "d": pd.to_datetime(["2017-01-01", "2017-07-04"])})
    out = step_date(recipe("y ~ .", d), "d", abbr=False).prep().bake(None)
    assert out["d_dow"].tolist() == ["Sunday", "Tuesday"] and not out["d_dow"].cat.ordered
    assert out["d_dow"].cat.categories[0] == "Sunday" and out["d_month"].cat.categories.size == 12
    out = step_date(recipe("y ~ .", d), "d", ordinal=True, keep_original_cols=False).prep().bake(None)
    assert out.columns.tolist() == ["y", "d_dow", "d_month", "d_year"] and out["d_month"].cat.ordered
    assert out["d_month"].tolist() == ["Jan", "Jul"]


def test_date_errors():
    d = pd.DataFrame({"y": [1.0], "d": pd.to_datetime(["2017-01-01"]), "d_year": [1]})
    with pytest.raises(InvalidParameterError, match="`features` must be unique values among"):
        step_date(recipe("y ~ .", d), "d", features=["hour"])
    with pytest.raises(InvalidParameterError, match="all selected columns must be date or datetime"):
        step_date(recipe("y ~ .", d), "y").prep()
    with pytest.raises(InvalidParameterError, match=r"new column name\(s\) \['d_year'\] already exist"):
        step_date(recipe("y ~ .", d), "d").prep()
    h = d.rename(columns={"d_year": "d_ChristmasDay"})
    with pytest.raises(InvalidParameterError,
                       match=r"step_holiday\(\): name collision: the new column name\(s\) \['d_ChristmasDay'\]"):
        step_holiday(recipe("y ~ .", h), "d").prep()


# -- holiday --------------------------------------------------------------------------------

def test_holiday_matches_r_test_values(days):
    hol = ["ChristmasDay", "USMemorialDay", "Easter"]
    out = step_holiday(recipe("~ .", days), "day", holidays=hol).prep().bake(None)
    expected = {"ChristmasDay": "2017-12-25", "USMemorialDay": "2017-05-29", "Easter": "2017-04-16"}
    for h, date in expected.items():
        assert out.loc[out[f"day_{h}"] == 1, "day"].dt.strftime("%Y-%m-%d").tolist() == [date]
        assert np.isnan(out[f"day_{h}"].iloc[-1])
    no_na = step_holiday(recipe("~ .", days.dropna()), "day", holidays=hol, keep_original_cols=False).prep()
    res = no_na.bake(None)
    assert res.columns.tolist() == [f"day_{h}" for h in hol] and all(res.dtypes == np.int64)
    assert no_na.tidy(1)["holiday"].tolist() == hol


def test_holiday_defaults_and_rules():
    d = pd.DataFrame({"d": pd.to_datetime(["2017-05-01 13:30", "2017-09-04 00:00", "2018-01-01 00:00"])})
    out = step_holiday(recipe("~ .", d), "d").prep().bake(None)
    assert out["d_LaborDay"].tolist() == [1, 0, 0]  # timeDate's LaborDay is 1 May
    assert out["d_NewYearsDay"].tolist() == [0, 0, 1]
    years = np.arange(1990, 2031)
    # known dates
    assert holiday_dates("USLaborDay", [2017]).astype(str).tolist() == ["2017-09-04"]
    assert holiday_dates("USMLKingsBirthday", [2024]).astype(str).tolist() == ["2024-01-15"]
    assert holiday_dates("GoodFriday", [2024]).astype(str).tolist() == ["2024-03-29"]
    assert holiday_dates("Easter", [2000, 2038]).astype(str).tolist() == ["2000-04-23", "2038-04-25"]
    assert holiday_dates("USMemorialDay", [2021]).astype(str).tolist() == ["2021-05-31"]
    for name in HOLIDAYS:
        since = {"USJuneteenthNationalIndependenceDay": 2021, "CAFamilyDay": 2008}.get(name, 0)
        assert len(holiday_dates(name, years)) == (years >= since).sum()
    weekday = (holiday_dates("USThanksgivingDay", years).astype(np.int64) + 3) % 7
    assert (weekday == 3).all()  # always a Thursday


def test_list_holidays_us_is_timedates_list():
    # timeDate::listHolidays("US") (timeDate 4051.111), in R's English-locale order
    assert list_holidays("US") == [
        "USChristmasDay", "USColumbusDay", "USCPulaskisBirthday", "USDecorationMemorialDay", "USElectionDay",
        "USGoodFriday", "USInaugurationDay", "USIndependenceDay", "USJuneteenthNationalIndependenceDay",
        "USLaborDay", "USLincolnsBirthday", "USMemorialDay", "USMLKingsBirthday", "USNewYearsDay",
        "USPresidentsDay", "USThanksgivingDay", "USVeteransDay", "USWashingtonsBirthday"]
    assert tm.list_holidays is list_holidays
    assert "ChristmasDay" in list_holidays() and "USChristmasDay" not in list_holidays("^Christ")
    assert list_holidays("^Advent") == ["Advent1st", "Advent2nd", "Advent3rd", "Advent4th"]
    with pytest.raises(InvalidParameterError, match=r"`pattern` in list_holidays\(\) is not a valid regular"):
        list_holidays("(")


# Known dates: US federal calendars (opm.gov), election law (the Tuesday after the first Monday of
# November), and timeDate's fixed-date definitions.
US_2020_2024 = {
    "USNewYearsDay": ["2020-01-01", "2024-01-01"],
    "USInaugurationDay": ["2020-01-20", "2024-01-20"],
    "USMLKingsBirthday": ["2020-01-20", "2024-01-15"],
    "USLincolnsBirthday": ["2020-02-12", "2024-02-12"],
    "USWashingtonsBirthday": ["2020-02-22", "2024-02-22"],
    "USPresidentsDay": ["2020-02-17", "2024-02-19"],
    "USCPulaskisBirthday": ["2020-03-02", "2024-03-04"],
    "USGoodFriday": ["2020-04-10", "2024-03-29"],
    "USMemorialDay": ["2020-05-25", "2024-05-27"],
    "USDecorationMemorialDay": ["2020-05-30", "2024-05-30"],
    "USJuneteenthNationalIndependenceDay": ["2024-06-19"],
    "USIndependenceDay": ["2020-07-04", "2024-07-04"],
    "USLaborDay": ["2020-09-07", "2024-09-02"],
    "USColumbusDay": ["2020-10-12", "2024-10-14"],
    "USElectionDay": ["2020-11-03", "2024-11-05"],
    "USVeteransDay": ["2020-11-11", "2024-11-11"],
    "USThanksgivingDay": ["2020-11-26", "2024-11-28"],
    "USChristmasDay": ["2020-12-25", "2024-12-25"],
}


def test_every_us_holiday_on_known_dates():
    assert sorted(US_2020_2024) == sorted(list_holidays("US"))
    for name, dates in US_2020_2024.items():
        assert holiday_dates(name, [2020, 2024]).astype(str).tolist() == dates, name


def test_rule_based_holidays_match_pandas_holiday_rules():
    from pandas.tseries import holiday as ph

    years = np.arange(1995, 2040)
    start, end = f"{years[0]}-01-01", f"{years[-1]}-12-31"
    pairs = {"USMemorialDay": ph.USMemorialDay, "USLaborDay": ph.USLaborDay, "USColumbusDay": ph.USColumbusDay,
             "USThanksgivingDay": ph.USThanksgivingDay, "USPresidentsDay": ph.USPresidentsDay,
             "USMLKingsBirthday": ph.USMartinLutherKingJr, "GoodFriday": ph.GoodFriday,
             "EasterMonday": ph.EasterMonday}
    for name, rule in pairs.items():
        ref = rule.dates(start, end)
        ref = ref[ref.year >= 1995] if name != "USMLKingsBirthday" else ref  # pandas' MLK starts 1986
        assert holiday_dates(name, years).astype(str).tolist() == ref.strftime("%Y-%m-%d").tolist(), name


def test_other_timedate_rules_on_known_dates():
    # Advent: the 4th Sunday before Christmas; Christ the King: the Sunday before Advent
    assert holiday_dates("Advent1st", [2023, 2024]).astype(str).tolist() == ["2023-12-03", "2024-12-01"]
    assert holiday_dates("ChristTheKing", [2024]).astype(str).tolist() == ["2024-11-24"]
    assert holiday_dates("CAVictoriaDay", [2023, 2024]).astype(str).tolist() == ["2023-05-22", "2024-05-20"]
    assert holiday_dates("CAFamilyDay", [2007, 2024]).astype(str).tolist() == ["2024-02-19"]
    # Sechselaeuten 2025: the third Monday of April was Easter Monday (21 April), so the fourth
    assert holiday_dates("CHSechselaeuten", [2025, 2024]).astype(str).tolist() == ["2025-04-28", "2024-04-15"]


def test_holidays_not_built_raise_not_implemented(days):
    with pytest.raises(NotImplementedError, match="'GBSummerBankHoliday' is not built"):
        holiday_dates("GBSummerBankHoliday", [2020])
    with pytest.raises(NotImplementedError, match=r"step_holiday\(\): the timeDate holiday\(s\) \['JPGantan'\]"):
        step_holiday(recipe("~ .", days), "day", holidays=["JPGantan"])


def test_holiday_errors(days):
    with pytest.raises(InvalidParameterError, match="invalid `holidays` \\['Festivus'\\]"):
        step_holiday(recipe("~ .", days), "day", holidays=["Festivus"])
    with pytest.raises(InvalidParameterError, match="Unknown holiday 'Festivus'"):
        holiday_dates("Festivus", [2017])


def test_holiday_work_does_not_grow_with_rows(python_calls):
    # vectorised over rows: 10x the rows, about the same number of Python calls in bake()
    def run(n):
        d = pd.DataFrame({"d": pd.Timestamp("2000-01-01") + pd.to_timedelta(np.arange(n) % 9000, "D")})
        prepped = step_holiday(recipe("~ .", d), "d").prep()
        assert prepped.bake(d)["d_ChristmasDay"].sum() == np.isin(np.arange(n) % 9000, _christmas_offsets()).sum()
        return python_calls(prepped.bake, d)

    small, large = run(10_000), run(100_000)
    assert large < 1.2 * small + 100, (small, large)


def _christmas_offsets():
    days = pd.Timestamp("2000-01-01") + pd.to_timedelta(np.arange(9000), "D")
    return np.flatnonzero((days.month == 12) & (days.day == 25))


# -- lag ------------------------------------------------------------------------------------

def test_lag_names_and_values():
    d = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "a": [1, 2, 3, 4], "b": [5.0, 6.0, 7.0, 8.0]})
    p = step_lag(recipe("y ~ .", d), "a", "b", lag=[1, 3], prefix="L").prep()
    out = p.bake(d)
    assert out.columns.tolist() == ["a", "b", "y", "L1_a", "L1_b", "L3_a", "L3_b"]  # expand.grid order
    assert out["L1_a"].tolist()[1:] == [1, 2, 3] and np.isnan(out["L1_a"].iloc[0])
    assert out["L3_b"].tolist()[3] == 5.0
    out = step_lag(recipe("y ~ .", d), "a", default=0, keep_original_cols=False).prep().bake(d)
    assert out.columns.tolist() == ["b", "y", "lag_1_a"] and out["lag_1_a"].tolist() == [0, 1, 2, 3]
    assert repr(p.steps[0]) == "Lagging 1, 3: a, b [trained]"


def test_lag_errors():
    d = pd.DataFrame({"y": [1.0], "s": ["a"]})
    with pytest.raises(InvalidParameterError, match="`lag` must be a non-negative whole number"):
        step_lag(recipe("y ~ .", d), "y", lag=1.5)
    with pytest.raises(InvalidParameterError, match="all selected columns must be double or integer"):
        step_lag(recipe("y ~ .", d), "s").prep()
    with pytest.raises(InvalidParameterError, match="`prefix` in step_lag\\(\\) must be a string"):
        step_lag(recipe("y ~ .", d), "y", prefix=1)


# -- window ---------------------------------------------------------------------------------

def test_window_r_ends_rule():
    x = np.array([5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0, 4.0, 6.0, 0.0, 11.0, 10.0])
    res = roll_statistic(x, "median", 5)
    # R: the first three values use median(x[1:5]), the fourth median(x[2:6])
    assert res[:3].tolist() == [5.0] * 3 and res[3] == np.median(x[1:6])
    assert res[-3:].tolist() == [np.median(x[-5:])] * 3
    assert roll_statistic(x, "sd", 3)[5] == pytest.approx(np.std(x[4:7], ddof=1))
    with_na = x.copy()
    with_na[4] = np.nan
    assert roll_statistic(with_na, "sum", 3)[4] == 5.0
    assert np.isnan(roll_statistic(with_na, "sum", 3, na_rm=False)[4])
    for stat in ("mean", "var", "prod", "min", "max"):
        assert roll_statistic(x, stat, 3).shape == x.shape


def test_window_replace_or_names():
    d = pd.DataFrame({"y": np.arange(10.0) ** 2, "x": np.arange(10.0)})
    p = step_window(recipe("y ~ .", d), "y", "x", names=["wy", "wx"], role="outcome", size=3).prep()
    out = p.bake(d)
    assert out.columns.tolist() == ["x", "y", "wy", "wx"]
    assert out["wx"].tolist() == [1.0, 1.0] + list(np.arange(2.0, 8.0)) + [8.0, 8.0]
    assert p.term_info.set_index("variable").loc["wy", "role"] == "outcome"
    p = step_window(recipe("y ~ .", d), "x", statistic="max", size=5).prep()
    assert p.bake(d)["x"].tolist() == [4.0, 4.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 9.0, 9.0]
    assert repr(p.steps[0]) == "Moving 5-point max on: x [trained]"
    assert p.tidy(1)[["terms", "statistic", "size"]].values.tolist() == [["x", "max", 5]]


def test_window_errors():
    d = pd.DataFrame({"y": np.arange(10.0), "s": list("abcdefghij")})
    rec = recipe("y ~ .", d)
    with pytest.raises(InvalidParameterError, match="`statistic` should be one of"):
        step_window(rec, "y", statistic="mode")
    with pytest.raises(InvalidParameterError, match="`size` should be odd"):
        step_window(rec, "y", size=4)
    with pytest.raises(InvalidParameterError, match="`size` should be at least 3"):
        step_window(rec, "y", size=1)
    with pytest.raises(InvalidParameterError, match="`size` must be a whole number"):
        step_window(rec, "y", size=3.5)
    with pytest.raises(InvalidParameterError, match="there were 1 term\\(s\\) selected but 2 values"):
        step_window(rec, "y", names=["a", "b"]).prep()
    with pytest.raises(InvalidParameterError, match="all selected columns must be double or integer"):
        step_window(rec, "s").prep()
    with pytest.raises(InvalidParameterError, match="the window is too large"):
        step_window(rec, "y", size=9).prep()


def test_window_tunable():
    rec = step_window(recipe("y ~ .", pd.DataFrame({"y": np.arange(10.0)})), "y", size=tune(), statistic=tune())
    assert set(rec.steps[0].tunable()) == {"size", "statistic"}
    assert rec.steps[0].tune_args() == ["size", "statistic"]
    with pytest.raises(InvalidParameterError, match="You cannot prep\\(\\) a tunable recipe"):
        rec.prep()
    done = rec.finalize({"size": 5, "statistic": "median"})
    assert done.steps[0].size == 5 and done.prep().bake(None).shape == (10, 1)


def test_window_work_does_not_grow_with_rows(python_calls):
    # a rolling median without a loop over rows: 10x the rows, about the same Python calls in bake()
    def run(n):
        d = pd.DataFrame({"y": np.random.default_rng(1).normal(size=n)})
        prepped = step_window(recipe("~ .", d), "y", statistic="median", size=5).prep()
        out = prepped.bake(d)
        # pandas' centred rolling median as the reference (R's slider, size 5, ends filled as R does)
        ref = d["y"].rolling(5, center=True).median()
        assert np.allclose(out["y"].iloc[2:-2], ref.iloc[2:-2])
        return python_calls(prepped.bake, d)

    small, large = run(10_000), run(100_000)
    assert large < 1.2 * small + 100, (small, large)
