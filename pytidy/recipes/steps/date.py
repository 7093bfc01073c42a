"""step_date: date features (R: ``recipes/R/date.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import (Step, check_new_data, check_new_names, check_trained, check_type, register_step, select_columns, step_class,
                    tidy_frame, untrained_terms)

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepDate", "step_date"]

DATE_FEATURES = ("year", "doy", "week", "decimal", "semester", "quarter", "dow", "month", "mday")
_DOW: tuple[str, ...] = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTH: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def as_datetime(values: pd.Series) -> pd.Series:
    """A date or datetime column as ``datetime64`` (a column of ``datetime.date`` objects too)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    return pd.to_datetime(values)


def _ints(x: np.ndarray, missing: np.ndarray) -> np.ndarray:
    return np.where(missing, np.nan, x).astype(np.float64) if missing.any() else x.astype(np.int64)


def date_features(values: pd.Series, features: tuple[str, ...], abbr: bool, label: bool,
                  ordinal: bool) -> dict[str, Any]:
    """``{feature: column}`` of one date column, as lubridate computes them."""
    dt = as_datetime(values).dt
    missing = values.isna().to_numpy()
    out: dict[str, Any] = {}
    year = dt.year.to_numpy(dtype=np.float64, na_value=np.nan)
    doy = dt.day_of_year.to_numpy(dtype=np.float64, na_value=np.nan)
    month = dt.month.to_numpy(dtype=np.float64, na_value=np.nan)
    fill = lambda a: np.nan_to_num(a, nan=1).astype(np.int64)  # noqa: E731
    for feat in features:
        if feat == "year":
            out[feat] = _ints(fill(year), missing)
        elif feat == "doy":
            out[feat] = _ints(fill(doy), missing)
        elif feat == "week":  # lubridate::week(): complete 7-day periods since 1 January, plus one
            out[feat] = _ints((fill(doy) - 1) // 7 + 1, missing)
        elif feat == "decimal":  # lubridate::decimal_date()
            leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
            secs = (as_datetime(values) - as_datetime(values).dt.normalize()).dt.total_seconds()
            frac = (doy - 1 + secs.to_numpy(dtype=np.float64, na_value=np.nan) / 86400) / np.where(leap, 366, 365)
            out[feat] = year + frac
        elif feat == "semester":
            out[feat] = _ints(np.where(fill(month) <= 6, 1, 2), missing)
        elif feat == "quarter":
            out[feat] = _ints((fill(month) - 1) // 3 + 1, missing)
        elif feat == "mday":
            out[feat] = _ints(fill(dt.day.to_numpy(dtype=np.float64, na_value=np.nan)), missing)
        elif feat in ("dow", "month"):
            if feat == "dow":  # Sunday = 1, as lubridate::wday(week_start = 7)
                num = (fill(dt.day_of_week.to_numpy(dtype=np.float64, na_value=np.nan)) + 1) % 7 + 1
                names = _DOW
            else:
                num = fill(month)
                names = _MONTH
            if label:
                cats = [n[:3] for n in names] if abbr else list(names)
                out[feat] = pd.Categorical.from_codes(np.where(missing, -1, num - 1), categories=cats, ordered=ordinal)
            else:
                out[feat] = _ints(num, missing)
    return out


@step_class
class StepDate(Step):
    """Adds ``<column>_<feature>`` columns (see :func:`step_date`)."""

    name: ClassVar[str] = "step_date"
    description: ClassVar[str] = "Date features from"

    role: str = "predictor"
    features: tuple[str, ...] = ("dow", "month", "year")
    abbr: bool = True
    label: bool = True
    ordinal: bool = False
    keep_original_cols: bool = True

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepDate:
        cols = select_columns(self, info)
        check_type(training, cols, ["date", "datetime"], self)
        taken = set(training.columns) - set(cols if not self.keep_original_cols else ())
        check_new_names(taken, [f"{c}_{f}" for c in cols for f in self.features], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        pieces = {}
        for col in cols:
            feats = date_features(new_data[col], self.features, self.abbr, self.label, self.ordinal)
            for feat, values in feats.items():
                pieces[f"{col}_{feat}"] = values
        out = new_data if self.keep_original_cols else new_data.drop(columns=cols)
        return pd.concat([out, pd.DataFrame(pieces, index=new_data.index)], axis=1)

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        t = [x for x in terms for _ in self.features]
        return tidy_frame(self, terms=pd.Series(t, dtype=object),
                          value=pd.Series(list(self.features) * len(terms), dtype=object),
                          ordinal=[self.ordinal] * len(t))


@register_step
def step_date(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", features: tuple[str, ...] = ("dow", "month", "year"),
              abbr: bool = True, label: bool = True, ordinal: bool = False, keep_original_cols: bool = True,
              skip: bool = False, id: str | None = None) -> Recipe:
    """Add date features (day of week, month, year, ...) from date or datetime columns.

    R: ``step_date(recipe, ..., role = "predictor", features = c("dow", "month", "year"),
    abbr = TRUE, label = TRUE, ordinal = FALSE, keep_original_cols = TRUE)``. New columns are
    named ``<column>_<feature>``. Features: ``year``, ``doy`` (day of year), ``week``
    (``(doy - 1) // 7 + 1``, lubridate's ``week()``), ``decimal`` (``decimal_date()``),
    ``semester``, ``quarter``, ``dow`` (1 = Sunday), ``month``, ``mday``. With ``label=True``,
    ``dow`` and ``month`` are factors with the levels ``Sun..Sat`` and ``Jan..Dec`` (full names with
    ``abbr=False``), ordered only if ``ordinal=True`` (R >= 1.0; older R versions always gave
    ordered factors). Numeric features are int64 (float64 with NaN where dates are missing).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Date or datetime columns.
    role : str, default "predictor"
    features : sequence of str
    abbr, label, ordinal : bool
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
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "d": pd.to_datetime(["2002-03-05", "2006-01-14"])})
    >>> recipe("y ~ .", df).step_date("d").prep().bake(None)
               d    y d_dow d_month  d_year
    0 2002-03-05  1.0   Tue     Mar    2002
    1 2006-01-14  2.0   Sat     Jan    2006
    """
    if isinstance(features, str):
        features = (features,)
    bad = [f for f in features if f not in DATE_FEATURES]
    if bad or not features or len(set(features)) != len(features):
        raise InvalidParameterError(
            f"step_date(): `features` must be unique values among {list(DATE_FEATURES)}; got {list(features)!r}."
        )
    for name, value in (("abbr", abbr), ("label", label), ("ordinal", ordinal),
                        ("keep_original_cols", keep_original_cols), ("skip", skip)):
        check_bool(value, name, "step_date()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_date() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepDate(terms=selectors, role=role, features=tuple(features), abbr=bool(abbr),
                                    label=bool(label), ordinal=bool(ordinal),
                                    keep_original_cols=bool(keep_original_cols), skip=skip, id=id))
