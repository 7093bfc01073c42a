"""step_impute_linear: impute numeric columns by linear regression (R: ``recipes/R/impute_linear.R``).

Also holds :func:`impute_var_lists`, the pairing of each column to impute with its predictors that
``step_impute_knn`` shares (R: ``recipes:::impute_var_lists`` in ``impute_bag.R``).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field, frozen

from ..._checks import check_bool
from ...errors import InvalidParameterError, PytidyWarning
from ..selectors import Selector, all_predictors, as_selector, eval_select
from ._base import (
    Step,
    check_new_data,
    check_trained,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import column_values
from .lincomb import qr_pivot

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepImputeLinear", "step_impute_linear"]


# ---------------------------------------------------------------------------------------------
# shared with step_impute_knn


def as_impute_with(value: Any, owner: str = "step_impute_linear()") -> tuple[Selector, ...]:
    """``impute_with`` as a tuple of selectors (a selector, a column name or a sequence of them)."""
    if value is None:
        raise InvalidParameterError(
            f"`impute_with` in {owner} must not be None (R: '`impute_with` must not be `NULL`'); "
            "pass the predictors to impute with, e.g. impute_with=all_predictors()."
        )
    if isinstance(value, (str, Selector)):
        value = (value,)
    if not isinstance(value, (list, tuple)) or not value:
        raise InvalidParameterError(
            f"`impute_with` in {owner} must be a selector, a column name or a non-empty list of them; "
            f"got {value!r}."
        )
    return tuple(as_selector(v) for v in value)


def impute_var_lists(targets: Sequence[str], impute_with: Sequence[Selector], info: pd.DataFrame,
                     owner: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``((target, predictors), ...)``: each target with the ``impute_with`` columns but itself.

    R: ``impute_var_lists()``; an ``impute_with`` that selects nothing is an error when there is
    something to impute.
    """
    using = eval_select(impute_with, info)
    if targets and not using:
        raise InvalidParameterError(
            f"{owner}: `impute_with` ({', '.join(repr(s) for s in impute_with)}) selected no columns. "
            "Pass selectors that match the predictors to impute with, e.g. all_predictors()."
        )
    return tuple((y, tuple(x for x in using if x != y)) for y in targets)


def is_numeric_column(series: pd.Series) -> bool:
    """R's ``is.numeric``: integer or double (not logical)."""
    dtype = series.dtype
    numeric = pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype)
    return numeric and not pd.api.types.is_bool_dtype(dtype)


def r_type_name(series: pd.Series) -> str:
    """R's ``obj_type_friendly`` of a column, e.g. ``"a string"``, ``"a factor"``."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return "an ordered factor" if dtype.ordered else "a factor"
    if pd.api.types.is_bool_dtype(dtype):
        return "a logical vector"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "a date-time vector"
    return "a string"


def cast_like(values: np.ndarray, series: pd.Series) -> Any:
    """Imputed numbers for ``series``: rounded for integer columns (R: ``recipes:::cast``)."""
    if pd.api.types.is_integer_dtype(series.dtype):
        return np.round(values)
    return values


def fill_rows(data: pd.DataFrame, col: str, rows: np.ndarray, values: Any) -> pd.DataFrame:
    """``data`` (a shallow copy) with ``data[col][rows] = values``, keeping integer/categorical dtypes."""
    series = data[col]
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or not (is_numeric_column(series)):
        arr = series.to_numpy(dtype=object, copy=True)
        arr[rows] = values
        data[col] = pd.Series(arr, index=data.index, dtype=dtype)
        return data
    if dtype == np.float64:
        arr = series.to_numpy(copy=True)
        arr[rows] = values
        data[col] = pd.Series(arr, index=data.index, name=col)
        return data
    if pd.api.types.is_integer_dtype(dtype):        # nullable integers (numpy ints have no NA)
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
        arr[rows] = values
        data[col] = pd.Series(pd.array(arr, dtype="Int64"), index=data.index).astype(dtype)
        return data
    arr = series.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    arr[rows] = values
    data[col] = pd.Series(arr, index=data.index).astype(dtype)
    return data


# ---------------------------------------------------------------------------------------------
# a small lm()


@frozen
class LinearImputeModel:
    """A fitted ``lm(target ~ predictors)`` kept for prediction (R: the stripped ``lm`` object).

    Attributes
    ----------
    target : str
    predictors : tuple of str
    coefficients : dict
        ``{"(Intercept)": b0, "x": b1, "gB": b2, ...}`` with R's names; NaN for aliased columns
        (R: ``NA`` coefficients of a rank-deficient fit).
    levels : dict
        ``{factor predictor: levels}`` seen in the fit; the first is the baseline
        (treatment contrasts).
    """

    target: str
    predictors: tuple[str, ...]
    coefficients: dict[str, float]
    levels: dict[str, tuple[Any, ...]] = field(factory=dict)

    def design(self, data: pd.DataFrame) -> np.ndarray:
        """The model matrix of ``data`` (intercept, numeric columns, treatment dummies)."""
        return _design(data, self.predictors, self.levels, self.target)[0]

    def predict(self, data: pd.DataFrame) -> np.ndarray:
        """``predict.lm``: aliased coefficients count as 0."""
        x = self.design(data)
        beta = np.nan_to_num(np.array(list(self.coefficients.values()), dtype=np.float64))
        return x @ beta


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series.dtype):
        return "logical"
    if is_numeric_column(series):
        return "numeric"
    return "factor"


def _design(data: pd.DataFrame, predictors: Sequence[str], levels: dict[str, tuple], target: str
            ) -> tuple[np.ndarray, list[str]]:
    cols = [np.ones(len(data))]
    names = ["(Intercept)"]
    for p in predictors:
        series = data[p]
        if p in levels:
            lv = levels[p]
            values = series.astype(object).to_numpy()
            known = pd.Index(lv)
            codes = known.get_indexer(values)
            unseen = (codes < 0) & ~pd.isna(values)
            if unseen.any():
                new = sorted({str(v) for v in values[unseen]})
                raise InvalidParameterError(
                    f"step_impute_linear(): the model for {target!r} has factor {p!r} with new level(s) "
                    f"{new} (R: 'factor {p} has new levels'). Only levels seen in training can be used; "
                    "collapse rare levels first, e.g. with step_other() or step_novel()."
                )
            for j, level in enumerate(lv[1:], start=1):
                cols.append((codes == j).astype(np.float64))
                names.append(f"{p}{level}")
        elif _kind(series) == "logical":
            cols.append(series.to_numpy(dtype=np.float64, na_value=np.nan))
            names.append(f"{p}TRUE")
        else:
            cols.append(column_values(data, p))
            names.append(p)
    return np.column_stack(cols) if len(data) else np.empty((0, len(cols))), names


def lm_wrap(training: pd.DataFrame, target: str, predictors: tuple[str, ...]) -> LinearImputeModel:
    """Fit ``lm(target ~ ., data)`` on the complete rows (R: ``recipes:::lm_wrap``)."""
    sub = training[[target, *predictors]]
    complete = sub.notna().all(axis=1).to_numpy()
    if not complete.any():
        raise InvalidParameterError(
            f"step_impute_linear(): no training row has {target!r} and all of its predictors "
            f"{list(predictors)} complete, so the linear regression cannot be fitted (R: 'The data did not "
            "have any rows where the imputation values were all complete'). Narrow `impute_with` or "
            "impute the predictors first."
        )
    if not is_numeric_column(training[target]):
        raise InvalidParameterError(
            f"step_impute_linear(): variable {target!r} chosen for linear regression imputation must be "
            f"of type numeric; not {r_type_name(training[target])}. Impute nominal columns with "
            "step_impute_mode() or step_impute_knn()."
        )
    fit = sub[complete]
    levels: dict[str, tuple] = {}
    for p in predictors:
        if _kind(fit[p]) == "factor":
            series = fit[p]
            if isinstance(series.dtype, pd.CategoricalDtype):
                present = set(series.dropna().unique())
                lv = tuple(c for c in series.cat.categories if c in present)   # drop.unused.levels
            else:
                lv = tuple(sorted(series.dropna().unique().tolist()))         # as factor(): sorted
            levels[p] = lv
    x, names = _design(fit, predictors, levels, target)
    y = column_values(fit, target)
    rank, pivot = qr_pivot(x)
    keep = np.sort(pivot[:rank])
    beta = np.full(x.shape[1], np.nan)
    if rank:
        beta[keep] = np.linalg.lstsq(x[:, keep], y, rcond=None)[0]
    coefs = {n: float(b) for n, b in zip(names, beta)}
    return LinearImputeModel(target=target, predictors=tuple(predictors), coefficients=coefs, levels=levels)


@step_class
class StepImputeLinear(Step):
    """Trained state: ``models``, a :class:`LinearImputeModel` by column (see :func:`step_impute_linear`)."""

    name: ClassVar[str] = "step_impute_linear"
    description: ClassVar[str] = "Linear regression imputation for"

    impute_with: tuple[Selector, ...] = field(factory=lambda: (all_predictors(),), converter=as_impute_with)
    models: dict[str, LinearImputeModel] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepImputeLinear:
        cols = select_columns(self, info)
        pairs = impute_var_lists(cols, self.impute_with, info, "step_impute_linear()")
        models = {y: lm_wrap(training, y, x) for y, x in pairs}
        return evolve(self, trained=True, columns=cols, models=models)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        needed = list(dict.fromkeys([c for m in self.models.values() for c in (m.target, *m.predictors)]))
        check_new_data(needed, new_data, self)
        out = new_data
        for col, model in self.models.items():
            missing = new_data[col].isna().to_numpy()
            if not missing.any():
                continue
            pred_data = new_data.loc[missing, list(model.predictors)]      # R: from the data before this step
            if pred_data.isna().to_numpy().any():
                warnings.warn(
                    f"step_impute_linear(): there were missing values in the predictor(s) used to impute "
                    f"{col!r}; imputation did not occur for that column (as in R). Impute the predictors "
                    "in an earlier step.",
                    PytidyWarning,
                    stacklevel=2,
                )
                continue
            values = cast_like(model.predict(pred_data), new_data[col])
            if out is new_data:
                out = new_data.copy(deep=False)
            out = fill_rows(out, col, np.flatnonzero(missing), values)
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, model=pd.Series([None] * len(terms), dtype=object))
        cols = list(self.models)
        return tidy_frame(self, terms=pd.Series(cols, dtype=object),
                          model=pd.Series([self.models[c] for c in cols], dtype=object))


@register_step
def step_impute_linear(recipe: Recipe, *selectors: Selector | str, impute_with: Any = all_predictors(), skip: bool = False,
                       id: str | None = None) -> Recipe:
    """Impute missing values of numeric columns with a linear regression on other columns.

    R: ``step_impute_linear(recipe, ..., impute_with = all_predictors())``. For each selected
    column, ``lm(column ~ .)`` is fitted on the training rows where it and its predictors are all
    present (factors enter with treatment contrasts over the levels seen, collinear columns are
    aliased as in R's pivoted QR); at bake its missing values are replaced by the predictions,
    rounded for integer columns. As in R, a column whose rows to impute have a missing predictor
    is left as it is, with a warning. Case weights are not supported.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Numeric columns to impute.
    impute_with : Selector, str or list of them, default ``all_predictors()``
        The predictors of the regressions; a column is never used to impute itself.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Raises
    ------
    InvalidParameterError
        ``impute_with`` given as None; at prep, a selected column that is not numeric, or no
        complete training row.

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1, 0, 1, 0], "a": [1.0, 2.0, None, 4.0, 5.0],
    ...                    "b": [2.0, 4.1, 6.0, 7.9, 10.0]})
    >>> prepped = recipe("y ~ .", df).step_impute_linear("a", impute_with="b").prep()
    >>> float(prepped.bake(None)["a"][2])
    3.0000...
    >>> prepped.tidy(1)["model"][0].coefficients
    {'(Intercept)': -0.0290..., 'b': 0.5048...}
    """
    impute_with = as_impute_with(impute_with, "step_impute_linear()")
    check_bool(skip, "skip", "step_impute_linear()")
    return recipe.add_step(StepImputeLinear(terms=selectors, impute_with=impute_with, skip=skip, id=id))
