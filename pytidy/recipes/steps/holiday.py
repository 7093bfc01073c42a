"""step_holiday: holiday indicators (R: ``recipes/R/holiday.R``, holiday rules of ``timeDate``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_new_names, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from .date import as_datetime

__all__ = ["StepHoliday", "step_holiday"]

Years = np.ndarray


def _ymd(years: Years, month: int, day: int | np.ndarray) -> np.ndarray:
    """Dates (datetime64[D]) of month/day in each year."""
    first = (years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    return first.astype("datetime64[D]") + (np.asarray(day) - 1)


def _nth_weekday(years: Years, month: int, weekday: int, n: int) -> np.ndarray:
    """The n-th ``weekday`` (Monday = 0) of the month; n = -1 is the last one."""
    if n > 0:
        first = _ymd(years, month, 1)
        wd = (first.astype(np.int64) - 4) % 7  # 1970-01-01 was a Thursday (weekday 3)
        return first + ((weekday - wd) % 7 + 7 * (n - 1))
    last = _ymd(years, month + 1, 1) - 1 if month < 12 else _ymd(years, 12, 31)
    wd = (last.astype(np.int64) - 4) % 7
    return last - ((wd - weekday) % 7)


def _easter(years: Years) -> np.ndarray:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus."""
    y = years.astype(np.int64)
    a = y % 19
    b, c = y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return np.where(month == 3, _ymd(y, 3, day), _ymd(y, 4, day))


def _fixed(month: int, day: int) -> Callable[[Years], np.ndarray]:
    return lambda years: _ymd(years, month, day)


def _easter_offset(days: int) -> Callable[[Years], np.ndarray]:
    return lambda years: _easter(years) + days


#: Supported holiday names (``timeDate::listHolidays()`` spelling) and their rules.
HOLIDAYS: dict[str, Callable[[Years], np.ndarray]] = {
    "NewYearsDay": _fixed(1, 1),
    "Epiphany": _fixed(1, 6),
    "LaborDay": _fixed(5, 1),
    "AssumptionOfMary": _fixed(8, 15),
    "AllSaints": _fixed(11, 1),
    "AllSouls": _fixed(11, 2),
    "ChristmasEve": _fixed(12, 24),
    "ChristmasDay": _fixed(12, 25),
    "BoxingDay": _fixed(12, 26),
    "Easter": _easter,
    "EasterSunday": _easter,
    "EasterMonday": _easter_offset(1),
    "GoodFriday": _easter_offset(-2),
    "PalmSunday": _easter_offset(-7),
    "AshWednesday": _easter_offset(-46),
    "Ascension": _easter_offset(39),
    "Pentecost": _easter_offset(49),
    "PentecostMonday": _easter_offset(50),
    "CorpusChristi": _easter_offset(60),
    "USNewYearsDay": _fixed(1, 1),
    "USMLKingsBirthday": lambda y: _nth_weekday(y, 1, 0, 3),
    "USPresidentsDay": lambda y: _nth_weekday(y, 2, 0, 3),
    "USWashingtonsBirthday": lambda y: _nth_weekday(y, 2, 0, 3),
    "USMemorialDay": lambda y: _nth_weekday(y, 5, 0, -1),
    "USIndependenceDay": _fixed(7, 4),
    "USLaborDay": lambda y: _nth_weekday(y, 9, 0, 1),
    "USColumbusDay": lambda y: _nth_weekday(y, 10, 0, 2),
    "USVeteransDay": _fixed(11, 11),
    "USThanksgivingDay": lambda y: _nth_weekday(y, 11, 3, 4),
    "USChristmasDay": _fixed(12, 25),
}


def holiday_dates(name: str, years: Any) -> np.ndarray:
    """The dates (``datetime64[D]``) of holiday ``name`` in each of ``years``.

    Examples
    --------
    >>> holiday_dates("USThanksgivingDay", [2017, 2024]).astype(str).tolist()
    ['2017-11-23', '2024-11-28']
    >>> holiday_dates("Easter", [2017, 2019]).astype(str).tolist()
    ['2017-04-16', '2019-04-21']
    """
    if name not in HOLIDAYS:
        raise InvalidParameterError(
            f"Unknown holiday {name!r}; supported holidays: {sorted(HOLIDAYS)}."
        )
    return HOLIDAYS[name](np.asarray(years, dtype=np.int64))


@step_class
class StepHoliday(Step):
    """Adds ``<column>_<holiday>`` 0/1 columns (see :func:`step_holiday`)."""

    name: ClassVar[str] = "step_holiday"
    description: ClassVar[str] = "Holiday features from"

    role: str = "predictor"
    holidays: tuple[str, ...] = ("LaborDay", "NewYearsDay", "ChristmasDay")
    keep_original_cols: bool = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepHoliday:
        cols = select_columns(self, info)
        check_type(training, cols, ["date", "datetime"], self)
        taken = set(training.columns) - set(cols if not self.keep_original_cols else ())
        check_new_names(taken, [f"{c}_{h}" for c in cols for h in self.holidays], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        pieces = {}
        for col in cols:
            values = as_datetime(new_data[col])
            missing = values.isna().to_numpy()
            days = values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
            years = np.unique(days[~missing].astype("datetime64[Y]").astype(np.int64) + 1970)
            for hol in self.holidays:
                hit = np.isin(days, holiday_dates(hol, years)) if len(years) else np.zeros(len(days), bool)
                pieces[f"{col}_{hol}"] = np.where(missing, np.nan, hit) if missing.any() else hit.astype(np.int64)
        out = new_data if self.keep_original_cols else new_data.drop(columns=cols)
        return pd.concat([out, pd.DataFrame(pieces, index=new_data.index)], axis=1)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        t = [x for x in terms for _ in self.holidays]
        return tidy_frame(self, terms=pd.Series(t, dtype=object),
                          holiday=pd.Series(list(self.holidays) * len(terms), dtype=object))


@register_step
def step_holiday(recipe: Any, *selectors: Any, role: str = "predictor",
                 holidays: tuple[str, ...] = ("LaborDay", "NewYearsDay", "ChristmasDay"),
                 keep_original_cols: bool = True, skip: bool = False, id: str | None = None) -> Any:
    """Add 0/1 indicators of holidays from date or datetime columns.

    R: ``step_holiday(recipe, ..., role = "predictor", holidays = c("LaborDay", "NewYearsDay",
    "ChristmasDay"), keep_original_cols = TRUE)``; the new columns are ``<column>_<holiday>``,
    1 on the holiday and 0 otherwise, missing where the date is missing (then float64; else
    int64). Holidays follow ``timeDate``'s names and rules, computed by pytidy (no dependency):
    ``LaborDay`` is the international 1 May (``USLaborDay`` is the first Monday of September),
    ``Easter`` the Western Easter Sunday; see :data:`HOLIDAYS` for the list.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    role : str, default "predictor"
    holidays : sequence of str
    keep_original_cols : bool, default True
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"d": pd.to_datetime(["2017-12-25", "2017-05-29", "2017-05-30"])})
    >>> recipe("~ .", df).step_holiday("d", holidays=["ChristmasDay", "USMemorialDay"]).prep().bake(None)
               d  d_ChristmasDay  d_USMemorialDay
    0 2017-12-25               1                0
    1 2017-05-29               0                1
    2 2017-05-30               0                0
    """
    if isinstance(holidays, str):
        holidays = (holidays,)
    bad = [h for h in holidays if h not in HOLIDAYS]
    if bad or not holidays or len(set(holidays)) != len(holidays):
        raise InvalidParameterError(
            f"step_holiday(): invalid `holidays` {list(bad or holidays)!r}; give unique names among "
            f"{sorted(HOLIDAYS)}."
        )
    check_bool(keep_original_cols, "keep_original_cols", "step_holiday()")
    check_bool(skip, "skip", "step_holiday()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_holiday() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepHoliday(terms=selectors, role=role, holidays=tuple(holidays),
                                       keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
