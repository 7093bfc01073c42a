"""step_holiday: holiday indicators (R: ``recipes/R/holiday.R``, holiday rules of ``timeDate``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_new_names, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)
from .date import as_datetime

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepHoliday", "step_holiday", "list_holidays"]

Years = np.ndarray


def _ymd(years: Years, month: int, day: int | np.ndarray) -> np.ndarray:
    """Dates (datetime64[D]) of month/day in each year."""
    first = (years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    return first.astype("datetime64[D]") + (np.asarray(day) - 1)


def _weekday(days: np.ndarray) -> np.ndarray:
    """Day of the week with Sunday = 0, as timeDate's ``.day.of.week`` (1970-01-01 was a Thursday)."""
    return (days.astype(np.int64) + 4) % 7


def _on_or_after(years: Years, month: int, day: int, nday: int) -> np.ndarray:
    """The first ``nday`` (Sunday = 0) on or after month/day (timeDate's ``.on.or.after``)."""
    d = _ymd(years, month, day)
    return d + (nday - _weekday(d)) % 7


def _on_or_before(years: Years, month: int, day: int, nday: int) -> np.ndarray:
    """The last ``nday`` (Sunday = 0) on or before month/day (timeDate's ``.on.or.before``, ``.last.of.nday``)."""
    d = _ymd(years, month, day)
    return d - (_weekday(d) - nday) % 7


def _nth_of_nday(years: Years, month: int, nday: int, nth: int) -> np.ndarray:
    """The ``nth`` ``nday`` (Sunday = 0) of the month (timeDate's ``.nth.of.nday``)."""
    first = _ymd(years, month, 1)
    return first + ((nth - 1) * 7 + (nday - _weekday(first)) % 7)


def _since(year: int, rule: Callable[[Years], np.ndarray]) -> Callable[[Years], np.ndarray]:
    """``rule`` for the years from ``year`` on; earlier years have no such holiday (timeDate's ``na_drop``)."""
    return lambda years: rule(years[years >= year])


def _sechselaeuten(years: Years) -> np.ndarray:
    """Zurich's Sechselaeuten: the third Monday of April, the fourth when that is Easter Monday."""
    third = _nth_of_nday(years, 4, 1, 3)
    return np.where(third == _easter(years) + 1, third + 7, third)


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


MON, TUE, THU, SUN = 1, 2, 4, 0  # timeDate's day numbers (Sunday = 0)

#: Holiday names (``timeDate::listHolidays()`` spelling) and their rules, as timeDate's
#: ``R/holiday-Dates.R`` defines them; every US holiday of timeDate is here.
HOLIDAYS: dict[str, Callable[[Years], np.ndarray]] = {
    # ecclesiastical and international
    "Septuagesima": _easter_offset(-63),
    "Quinquagesima": _easter_offset(-49),
    "AshWednesday": _easter_offset(-46),
    "PalmSunday": _easter_offset(-7),
    "GoodFriday": _easter_offset(-2),
    "Easter": _easter,
    "EasterSunday": _easter,
    "EasterMonday": _easter_offset(1),
    "RogationSunday": _easter_offset(35),
    "Ascension": _easter_offset(39),
    "Pentecost": _easter_offset(49),
    "PentecostMonday": _easter_offset(50),
    "TrinitySunday": _easter_offset(56),
    "CorpusChristi": _easter_offset(60),
    "ChristTheKing": lambda y: _on_or_after(y, 11, 20, SUN),
    "Advent1st": lambda y: _on_or_after(y, 11, 27, SUN),
    "Advent2nd": lambda y: _on_or_after(y, 12, 4, SUN),
    "Advent3rd": lambda y: _on_or_after(y, 12, 11, SUN),
    "Advent4th": lambda y: _on_or_after(y, 12, 18, SUN),
    "ChristmasEve": _fixed(12, 24),
    "ChristmasDay": _fixed(12, 25),
    "BoxingDay": _fixed(12, 26),
    "NewYearsDay": _fixed(1, 1),
    "SolemnityOfMary": _fixed(1, 1),
    "Epiphany": _fixed(1, 6),
    "PresentationOfLord": _fixed(2, 2),
    "Annunciation": _fixed(3, 25),
    "TransfigurationOfLord": _fixed(8, 6),
    "AssumptionOfMary": _fixed(8, 15),
    "BirthOfVirginMary": _fixed(9, 8),
    "CelebrationOfHolyCross": _fixed(9, 14),
    "MassOfArchangels": _fixed(9, 29),
    "AllSaints": _fixed(11, 1),
    "AllSouls": _fixed(11, 2),
    "LaborDay": _fixed(5, 1),
    "InternationalWomensDay": _fixed(3, 8),
    # Switzerland
    "CHBerchtoldsDay": _fixed(1, 2),
    "CHSechselaeuten": _sechselaeuten,
    "CHAscension": _easter_offset(39),
    "CHConfederationDay": _fixed(8, 1),
    "CHKnabenschiessen": lambda y: _nth_of_nday(y, 9, MON, 2),
    # Germany, France, Italy
    "DEAscension": _easter_offset(39),
    "DECorpusChristi": _easter_offset(60),
    "DEGermanUnity": _fixed(10, 3),
    "DEChristmasEve": _fixed(12, 24),
    "DENewYearsEve": _fixed(12, 31),
    "FRFetDeLaVictoire1945": _fixed(5, 8),
    "FRAscension": _easter_offset(39),
    "FRBastilleDay": _fixed(7, 14),
    "FRAssumptionVirginMary": _fixed(8, 15),
    "FRAllSaints": _fixed(11, 1),
    "FRArmisticeDay": _fixed(11, 11),
    "ITEpiphany": _fixed(1, 6),
    "ITLiberationDay": _fixed(4, 25),
    "ITAssumptionOfVirginMary": _fixed(8, 15),
    "ITAllSaints": _fixed(11, 1),
    "ITStAmrose": _fixed(12, 7),
    "ITImmaculateConception": _fixed(12, 8),
    # United States (timeDate's rules: Washington's Birthday is 22 February, Presidents' Day the
    # third Monday of February, Inauguration Day 20 January of every year)
    "USNewYearsDay": _fixed(1, 1),
    "USInaugurationDay": _fixed(1, 20),
    "USMLKingsBirthday": lambda y: _nth_of_nday(y, 1, MON, 3),
    "USLincolnsBirthday": _fixed(2, 12),
    "USWashingtonsBirthday": _fixed(2, 22),
    "USPresidentsDay": lambda y: _nth_of_nday(y, 2, MON, 3),
    "USCPulaskisBirthday": lambda y: _nth_of_nday(y, 3, MON, 1),
    "USGoodFriday": _easter_offset(-2),
    "USMemorialDay": lambda y: _on_or_before(y, 5, 31, MON),
    "USDecorationMemorialDay": _fixed(5, 30),
    "USJuneteenthNationalIndependenceDay": _since(2021, _fixed(6, 19)),
    "USIndependenceDay": _fixed(7, 4),
    "USLaborDay": lambda y: _nth_of_nday(y, 9, MON, 1),
    "USColumbusDay": lambda y: _nth_of_nday(y, 10, MON, 2),
    "USElectionDay": lambda y: _on_or_after(y, 11, 2, TUE),
    "USVeteransDay": _fixed(11, 11),
    "USThanksgivingDay": lambda y: _nth_of_nday(y, 11, THU, 4),
    "USChristmasDay": _fixed(12, 25),
    # Canada
    "CAVictoriaDay": lambda y: _on_or_before(y, 5, 24, MON),
    "CACanadaDay": _fixed(7, 1),
    "CAFamilyDay": _since(2008, lambda y: _nth_of_nday(y, 2, MON, 3)),
    "CACivicProvincialHoliday": lambda y: _nth_of_nday(y, 8, MON, 1),
    "CALabourDay": lambda y: _nth_of_nday(y, 9, MON, 1),
    "CAThanksgivingDay": lambda y: _nth_of_nday(y, 10, MON, 2),
    "CaRemembranceDay": _fixed(11, 11),
}

#: Holidays of ``timeDate::listHolidays()`` that pytidy does not compute yet (UK bank holidays
#: with their one-off moves, Japan's equinox-based calendar): naming one raises NotImplementedError.
NOT_BUILT: tuple[str, ...] = (
    "GBEarlyMayBankHoliday", "GBMayDay", "GBSpringBankHoliday", "GBBankHoliday", "GBSummerBankHoliday",
    "specialHolidayGB", "JPVernalEquinox", "JPNewYearsDay", "JPGantan", "JPBankHolidayJan2", "JPBankHolidayJan3",
    "JPComingOfAgeDay", "JPSeijinNoHi", "JPNatFoundationDay", "JPKenkokuKinenNoHi", "JPGreeneryDay",
    "JPMidoriNoHi", "JPConstitutionDay", "JPKenpouKinenBi", "JPNationHoliday", "JPKokuminNoKyujitu",
    "JPChildrensDay", "JPKodomoNoHi", "JPMarineDay", "JPUmiNoHi", "JPRespectForTheAgedDay", "JPKeirouNoHi",
    "JPMountainDay", "JPAutumnalEquinox", "JPShuubunNoHi", "JPHealthandSportsDay", "JPTaiikuNoHi",
    "JPNationalCultureDay", "JPBunkaNoHi", "JPThanksgivingDay", "JPKinrouKanshaNoHi", "JPEmperorsBirthday",
    "JPTennouTanjyouBi", "JPBankHolidayDec31",
)


def list_holidays(pattern: str = ".*") -> list[str]:
    """The holiday names whose name matches the regular expression ``pattern`` (R: ``timeDate::listHolidays``).

    Sorted as R sorts them in an English locale (ignoring case). ``list_holidays("US")`` gives
    the same 18 names as ``timeDate::listHolidays("US")``; the UK and Japanese holidays of
    timeDate are not computed yet (see :data:`NOT_BUILT`) and are not listed.

    Parameters
    ----------
    pattern : str, default ".*"
        A regular expression searched for in each name (R's ``grep``); ``"*"`` means a literal star.

    Returns
    -------
    list of str

    Examples
    --------
    >>> list_holidays("US")[:4]
    ['USChristmasDay', 'USColumbusDay', 'USCPulaskisBirthday', 'USDecorationMemorialDay']
    >>> list_holidays("^CH")
    ['CHAscension', 'CHBerchtoldsDay', 'CHConfederationDay', 'CHKnabenschiessen', 'CHSechselaeuten']
    """
    if not isinstance(pattern, str):
        raise InvalidParameterError(f"`pattern` in list_holidays() must be a string; got {pattern!r}.")
    if pattern == "*":
        pattern = r"\*"
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise InvalidParameterError(
            f"`pattern` in list_holidays() is not a valid regular expression ({exc}); got {pattern!r}."
        ) from exc
    return sorted((h for h in HOLIDAYS if rx.search(h)), key=lambda h: (h.lower(), h))


def holiday_dates(name: str, years: Any) -> np.ndarray:
    """The dates (``datetime64[D]``) of holiday ``name`` in each of ``years``.

    Examples
    --------
    >>> holiday_dates("USThanksgivingDay", [2017, 2024]).astype(str).tolist()
    ['2017-11-23', '2024-11-28']
    >>> holiday_dates("Easter", [2017, 2019]).astype(str).tolist()
    ['2017-04-16', '2019-04-21']
    """
    if name in NOT_BUILT:
        raise NotImplementedError(
            f"The timeDate holiday {name!r} is not built in pytidy yet (UK and Japanese calendars); "
            f"available: list_holidays()."
        )
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
def step_holiday(recipe: Recipe, *selectors: Selector | str, role: str = "predictor",
                 holidays: tuple[str, ...] = ("LaborDay", "NewYearsDay", "ChristmasDay"),
                 keep_original_cols: bool = True, skip: bool = False, id: str | None = None) -> Recipe:
    """Add 0/1 indicators of holidays from date or datetime columns.

    R: ``step_holiday(recipe, ..., role = "predictor", holidays = c("LaborDay", "NewYearsDay",
    "ChristmasDay"), keep_original_cols = TRUE)``; the new columns are ``<column>_<holiday>``,
    1 on the holiday and 0 otherwise, missing where the date is missing (then float64; else
    int64). Holidays follow ``timeDate``'s names and rules, computed by pytidy (no dependency):
    ``LaborDay`` is the international 1 May (``USLaborDay`` is the first Monday of September),
    ``Easter`` the Western Easter Sunday; :func:`list_holidays` lists the names (every US,
    Canadian, Swiss, German, French, Italian and church holiday of timeDate; the UK and Japanese
    ones raise NotImplementedError).

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
    not_built = [h for h in holidays if h in NOT_BUILT]
    if not_built:
        raise NotImplementedError(
            f"step_holiday(): the timeDate holiday(s) {not_built} are not built in pytidy yet (UK and "
            "Japanese calendars); see list_holidays() for the available names."
        )
    bad = [h for h in holidays if h not in HOLIDAYS]
    if bad or not holidays or len(set(holidays)) != len(holidays):
        raise InvalidParameterError(
            f"step_holiday(): invalid `holidays` {list(bad or holidays)!r}; give unique names among "
            "list_holidays(), e.g. list_holidays('US')."
        )
    check_bool(keep_original_cols, "keep_original_cols", "step_holiday()")
    check_bool(skip, "skip", "step_holiday()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_holiday() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepHoliday(terms=selectors, role=role, holidays=tuple(holidays),
                                       keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
