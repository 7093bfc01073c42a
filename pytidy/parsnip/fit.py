"""Fitted models and the fit/predict dispatch (R: parsnip ``fit.model_spec``, ``predict.model_fit``).

Outcomes (R: parsnip's ``check_outcome``). Classification takes a categorical, string, bool or
integer outcome and hands the engine a categorical: a categorical keeps its own level order;
anything else gets its sorted unique values as levels (bool: ``False, True``), as R's ``factor()``
sorts. The first level is R's event level (yardstick's ``event_level = "first"``). A float outcome
in classification, and a categorical, string or bool outcome in regression, are refused with a
message saying what to change.

Predictions (R: ``predict.model_fit``) have one row per row of ``new_data`` and its index. Rows with
a missing predictor get NaN (R's ``na.pass``): the engine predicts only the complete rows, unless
its :class:`EngineInfo` has ``allow_missing=True`` (default False: engines
that take NaN natively, such as xgboost, can declare it). ``inf`` in a predictor is an error at fit and
predict. A probability matrix of the wrong shape, with values outside [0, 1] or rows that do not
sum to 1 (tolerance 1e-6) is an error naming the engine; a row of NaN probabilities gives a missing
class, never the first level.
"""

from __future__ import annotations

import math
import numbers
import time
from typing import Any, cast

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_tuple
from .._checks import check_choice, check_columns
from .._frames import as_frame, as_series, check_column_names, column_names
from .._random import SeedLike, draw_seed
from ..errors import InvalidParameterError
from ..hardhat import check_finite, check_predictors, check_ptype, predictor_ptype
from ._mold import FormulaBlueprint, mold_formula, parse_formula
from .registry import EngineInfo, get_engine
from .spec import ModelSpec
from .translate import engine_arguments

__all__ = ["ModelFit", "fit_xy"]


def _check_no_tune(spec: ModelSpec) -> None:
    left = spec.tune_args()
    if left:
        names = ", ".join(f"`{a['name']}`" for a in left)
        raise InvalidParameterError(
            f"{spec.model}() still has tune() placeholders for {names}. Choose values first: tune them "
            "with tune_grid()/tune_race_anova() and call finalize_workflow(), or set_args() them."
        )


def _non_finite(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, numbers.Real):
        return not math.isfinite(float(value))
    if isinstance(value, (list, tuple, np.ndarray)):
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return False
        return bool(arr.size) and not bool(np.all(np.isfinite(arr)))
    return False


def check_finite_args(spec: ModelSpec) -> None:
    """Refuse hyper-parameters that are numbers but not finite (``learn_rate=inf``, ``penalty=nan``)."""
    for where, table in (("", spec.args), ("engine argument ", spec.engine_args)):
        for name, value in table.items():
            if _non_finite(value):
                raise InvalidParameterError(
                    f"The {where}`{name}` of {spec.model}() must be a finite number; got {value!r}. "
                    f"Set a finite value with set_args({name}=...), or tune it with {name}=tune()."
                )


def _engine_label(spec: ModelSpec, engine: str) -> str:
    return f"{engine} engine of {spec.model}()"


def _sorted_levels(values: list[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda v: (type(v).__name__, str(v)))


def as_outcome(y: pd.Series, mode: str, spec: ModelSpec, engine: str) -> pd.Series:
    """The outcome as the engine gets it: a categorical (classification) or a float/int vector.

    See the module docstring for the rules and the level order.
    """
    from pandas.api import types as pdt

    from ..hardhat import predictor_kind

    name = y.name
    label = _engine_label(spec, engine)
    kind = "categorical" if isinstance(y.dtype, pd.CategoricalDtype) else predictor_kind(y)
    if isinstance(y.dtype, pd.CategoricalDtype):
        pass
    elif pdt.is_bool_dtype(y.dtype) or kind == "logical":
        kind = "logical"
    elif pdt.is_integer_dtype(y.dtype) and not pdt.is_bool_dtype(y.dtype):
        kind = "integer"
    elif kind == "nominal":
        kind = "string"
    elif kind == "numeric":
        integral = pdt.is_object_dtype(y.dtype) and pdt.infer_dtype(y, skipna=True) == "integer"
        kind = "integer" if integral else "float"
    if mode == "classification":
        if kind == "categorical":
            return y
        if kind in ("logical", "integer", "string"):
            values = y.astype(object).where(y.notna(), np.nan)
            levels = _sorted_levels(pd.unique(values.dropna()).tolist())
            return pd.Series(pd.Categorical(values, categories=levels), index=y.index, name=name)
        raise InvalidParameterError(
            f"For a classification model the outcome should be a factor-like column (category, string, "
            f"bool or integer); `{name}` has dtype {y.dtype}. If its values are class labels, convert it "
            f"with df[{name!r}].astype('category'); for a numeric outcome use a regression model "
            f"(set_mode('regression'))."
        )
    if kind in ("categorical", "string", "logical"):
        raise InvalidParameterError(
            f"For a regression model the outcome should be numeric; `{name}` has dtype {y.dtype}. For "
            f"class labels use a classification model (set_mode('classification'), logistic_reg()); "
            f"if the values are numbers stored as text, convert them with df[{name!r}].astype(float)."
        )
    if kind not in ("integer", "float"):
        raise InvalidParameterError(
            f"For a regression model the outcome should be numeric; `{name}` has dtype {y.dtype} "
            f"(kind {kind}), which the {label} cannot take. Convert it to numbers first."
        )
    values = y.to_numpy(dtype=float, na_value=np.nan) if not isinstance(y.dtype, np.dtype) or y.dtype == object else None
    if values is not None:
        y = pd.Series(values, index=y.index, name=name)
    if pdt.is_float_dtype(y.dtype) and np.isinf(y.to_numpy()).any():
        raise InvalidParameterError(
            f"The outcome `{name}` has infinite values ({int(np.isinf(y.to_numpy()).sum())} rows), which "
            f"the {label} cannot use. Drop or replace them first (rows with NaN are left out of the fit)."
        )
    return y


def check_case_weights(case_weights: Any, spec: ModelSpec, info: EngineInfo, n: int) -> np.ndarray | None:
    """The weights as floats, or None (R: parsnip's ``check_case_weights``; the messages are R's)."""
    if case_weights is None:
        return None
    from ..case_weights import is_case_weights, weights_array

    if not is_case_weights(case_weights):
        raise InvalidParameterError(
            "`case_weights` should be a single numeric vector of class hardhat_case_weights: wrap the weights in "
            f"tm.importance_weights() or tm.frequency_weights(); got {type(case_weights).__name__}."
        )
    if not info.case_weights:
        raise InvalidParameterError(
            "Case weights are not enabled by the underlying model implementation "
            f"({spec.model}(), engine {info.engine!r}). Choose an engine that accepts them (see show_engines()) "
            "or fit without weights."
        )
    w = weights_array(case_weights)
    if len(w) != n:
        raise InvalidParameterError(f"`case_weights` has {len(w)} values but the data have {n} rows; they must match.")
    return w


def _complete_rows(x: pd.DataFrame) -> np.ndarray:
    """Rows without a missing predictor, one column at a time (no n x p boolean frame)."""
    ok = np.ones(len(x), dtype=bool)
    for i in range(x.shape[1]):
        col = x.iloc[:, i]
        if col.dtype.kind == "f":
            values = col.to_numpy()
            if not math.isfinite(float(values.sum())):  # fast path: a finite sum has no NaN
                ok &= ~np.isnan(values)
        elif col.dtype.kind not in "iub":
            ok &= col.notna().to_numpy()
    return ok


def _prepare(spec: ModelSpec) -> tuple[str, str, EngineInfo]:
    if not isinstance(spec, ModelSpec):
        raise InvalidParameterError(
            f"fit() needs a model specification such as linear_reg(); got {spec.__class__.__name__}."
        )
    _check_no_tune(spec)
    check_finite_args(spec)
    mode = spec._mode_or_only()
    engine = spec._engine_or_default()
    return mode, engine, get_engine(spec.model, engine, mode)


def _fit(spec: ModelSpec, x: pd.DataFrame, y: Any, seed: SeedLike, blueprint: Any,
         mode: str, engine: str, info: EngineInfo, owner: str, case_weights: Any = None) -> ModelFit:
    label = _engine_label(spec, engine)
    if len(x) == 0:
        raise InvalidParameterError(f"{owner}: the data has 0 rows; a model needs at least one row to fit.")
    check_finite(x, owner, label)
    lvl: tuple[str, ...] | None = None
    outcomes: tuple[str, ...] = ()
    if isinstance(y, pd.DataFrame):
        y = _several_outcomes(y, mode, spec, engine, owner)
        outcomes = tuple(str(c) for c in y.columns)
    else:
        y = _one_outcome(x, y, mode, spec, engine, info, owner)
        if mode == "classification":
            lvl = tuple(str(c) for c in y.cat.categories)
    outcome = outcomes[0] if outcomes else str(y.name)
    wts = check_case_weights(case_weights, spec, info, len(x))
    extra = {} if wts is None else {"case_weights": wts}
    start = time.perf_counter()
    obj = info.fit(x, y, seed=draw_seed(seed), **engine_arguments(spec, info), **extra)
    return ModelFit(
        spec=spec.set_mode(mode).set_engine(engine) if spec.engine is None or spec.mode == "unknown" else spec,
        fit=obj,
        lvl=lvl,
        outcome=outcome,
        predictors=tuple(str(c) for c in x.columns),
        blueprint=blueprint,
        elapsed=time.perf_counter() - start,
        ptype=predictor_ptype(x, list(x.columns)) if blueprint is None else {},
        outcomes=outcomes,
    )


def _one_outcome(x: pd.DataFrame, y: pd.Series, mode: str, spec: ModelSpec, engine: str, info: EngineInfo,
                 owner: str) -> pd.Series:
    """The outcome as the engine gets it, checked against the rows the fit can use."""
    y = as_outcome(y, mode, spec, engine)
    usable = y.notna().to_numpy().copy()
    if not info.allow_missing:
        usable &= _complete_rows(x)
    if not usable.any():
        raise InvalidParameterError(
            f"{owner}: no row has both the outcome and every predictor (R: '0 (non-NA) cases'); rows with "
            "missing values are left out of the fit. Impute them (e.g. step_impute_mean() in a recipe) or "
            "drop the mostly-empty columns."
        )
    if mode == "classification":
        seen = pd.unique(y.cat.codes.to_numpy()[usable])
        if len(seen[seen >= 0]) < 2:
            raise InvalidParameterError(
                f"{owner}: the outcome `{y.name}` has only one class in the complete rows; a classification "
                "model needs at least two. Check the data (or the resample) for this outcome."
            )
    return y


def _several_outcomes(y: pd.DataFrame, mode: str, spec: ModelSpec, engine: str, owner: str) -> pd.DataFrame:
    """Several outcomes for an engine that takes them (``EngineInfo.multi_outcome``; R: ``y1 + y2 ~ .``).

    Each outcome follows the mode's rules (categorical for classification, numbers for
    regression); predictions come from the engine object's ``predict(new_data, type=)``.
    """
    ys = pd.concat([as_outcome(y[c].rename(str(c)), mode, spec, engine) for c in y.columns], axis=1)
    if mode == "classification":
        for c in ys.columns:
            if ys[c].nunique(dropna=True) < 2:
                raise InvalidParameterError(
                    f"{owner}: the outcome `{c}` has only one class; a classification model needs at least two."
                )
    return ys


def fit_formula(spec: ModelSpec, formula: str, data: Any, *, seed: SeedLike = None,
                case_weights: Any = None) -> ModelFit:
    """Fit ``spec`` to ``data`` with a formula (R: ``fit(spec, y ~ ., data, case_weights = NULL)``).

    ``data`` may be any frame :func:`pytidy._frames.as_frame` takes (pandas, polars, pyarrow, a
    2-D numpy array with columns ``V1, V2, ...``). ``case_weights`` is an
    :func:`~pytidy.importance_weights` or :func:`~pytidy.frequency_weights` vector, one per row of
    ``data``; case-weights columns of ``data`` are never predictors.
    """
    from ..case_weights import is_case_weights

    mode, engine, info = _prepare(spec)
    owner = "fit()"
    names = check_column_names(column_names(data), "data", owner) if column_names(data) else []
    outcomes = parse_formula(formula, names)[0] if names else []
    frame = as_frame(data, "data", owner, keep=outcomes)
    wcols = [c for c in frame.columns if is_case_weights(frame[c])]
    if wcols:
        frame = frame.drop(columns=wcols)
    x, y, bp = mold_formula(formula, frame, info.encoding, engine=_engine_label(spec, engine),
                            multi_outcome=info.multi_outcome)
    return _fit(spec, x, y, seed, bp, mode, engine, info, owner, case_weights)


def fit_xy(spec: ModelSpec, x: Any, y: Any, *, seed: SeedLike = None, case_weights: Any = None) -> ModelFit:
    """Fit ``spec`` to predictors ``x`` and outcome ``y`` (R: ``fit_xy(..., case_weights = NULL)``).

    ``case_weights`` is an :func:`~pytidy.importance_weights` or :func:`~pytidy.frequency_weights`
    vector with one weight per row; the engine must accept them (``EngineInfo.case_weights``),
    otherwise R's "Case weights are not enabled by the underlying model implementation" error.

    ``x`` may be a pandas, polars or pyarrow frame or a 2-D numpy array (columns ``V1, V2, ...``);
    ``y`` a Series, array or list (a vector is named ``.outcome``, as hardhat names it).

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy import linear_reg
    >>> df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [2.0, 4.1, 5.9, 8.0]})
    >>> f = fit_xy(linear_reg(), df[["x"]], df["y"])
    >>> f.predict(pd.DataFrame({"x": [5.0]}))[".pred"].round(2).tolist()
    [9.95]
    >>> from pytidy import frequency_weights
    >>> w = fit_xy(linear_reg(), df[["x"]], df["y"], case_weights=frequency_weights([1, 1, 1, 5]))
    >>> w.predict(pd.DataFrame({"x": [5.0]}))[".pred"].round(2).tolist()
    [9.98]
    """
    mode, engine, info = _prepare(spec)
    owner = "fit_xy()"
    x = as_frame(x, "x", owner)
    if info.multi_outcome and isinstance(y, pd.DataFrame) and y.shape[1] > 1:  # several outcomes (TabNet)
        y = y.set_axis([str(c) for c in y.columns], axis=1)
    else:
        y = as_series(y, "y", owner, index=x.index)
        if y.name is None:
            y = y.rename(".outcome")
    if len(y) != len(x):
        raise InvalidParameterError(f"`x` has {len(x)} rows but `y` has {len(y)}; they must match.")
    check_predictors(x, list(x.columns), owner, _engine_label(spec, engine))
    return _fit(spec, x, y, seed, None, mode, engine, info, owner, case_weights)


def _as_2d(values: Any, n: int, width: int, what: str, label: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(f"The {label} returned {what} that are not numbers ({exc}).") from exc
    if arr.ndim == 1 and width == 1:
        arr = arr.reshape(-1, 1)
    if arr.shape != (n, width):
        raise InvalidParameterError(
            f"The {label} returned {what} of shape {arr.shape}; expected ({n}, {width}): one row per "
            "row of new_data" + (", one column per outcome level, in level order." if what == "probabilities" else ".")
        )
    return arr


def check_probabilities(prob: np.ndarray, label: str, tol: float = 1e-6) -> None:
    """Raise naming the engine when rows of ``prob`` leave [0, 1] or do not sum to 1 (NaN rows pass)."""
    ok = ~np.isnan(prob).any(axis=1)
    p = prob[ok]
    if p.size == 0:
        return
    if (p < -tol).any() or (p > 1 + tol).any():
        raise InvalidParameterError(
            f"The {label} returned probabilities outside [0, 1] (min {p.min():.6g}, max {p.max():.6g}); "
            "an engine's prob predictions must be probabilities, one column per level."
        )
    sums = p.sum(axis=1)
    bad = np.abs(sums - 1) > tol
    if bad.any():
        raise InvalidParameterError(
            f"The {label} returned probabilities whose rows do not sum to 1 ({int(bad.sum())} rows, e.g. "
            f"{sums[bad][0]:.6g}); an engine's prob predictions must have one column per outcome level, "
            "in level order, each row summing to 1."
        )


@frozen(eq=False)
class ModelFit:
    """A fitted model (R: ``model_fit``): the spec, the engine's object and what predict needs."""

    spec: ModelSpec
    fit: Any
    lvl: tuple[str, ...] | None
    outcome: str
    predictors: tuple[str, ...] = field(converter=as_tuple)
    blueprint: FormulaBlueprint | None = None
    elapsed: float = 0.0
    ptype: dict[str, str] = field(factory=dict)  # predictor kinds at fit time (x/y path; R: hardhat ptype)
    outcomes: tuple[str, ...] = field(default=(), converter=as_tuple)  # several outcomes (multi_outcome engines)

    @property
    def mode(self) -> str:
        return self.spec.mode

    @property
    def engine_info(self) -> EngineInfo:
        return get_engine(self.spec.model, cast(str, self.spec.engine), self.spec.mode)  # a fitted spec has its engine

    def extract_fit_engine(self) -> Any:
        """The engine's own fitted object (R: ``extract_fit_engine``)."""
        return self.fit

    def extract_spec_parsnip(self) -> ModelSpec:
        return self.spec

    def _expected_columns(self) -> tuple[str, ...]:
        return tuple(self.blueprint.predictors) if self.blueprint is not None else self.predictors

    def forge(self, new_data: Any, owner: str = "predict()") -> pd.DataFrame:
        """The predictor columns of ``new_data`` as the engine saw them at fit time.

        ``new_data`` may be any frame :func:`~pytidy._frames.as_frame` takes; a 2-D numpy array
        whose width is the number of predictors gets their names, in order.
        """
        new_data = as_frame(new_data, "new_data", owner, columns=self._expected_columns())
        if self.blueprint is not None:
            x = self.blueprint.forge(new_data, owner)
        else:
            check_columns(new_data, self.predictors, owner, what="new_data")
            x = new_data.loc[:, list(self.predictors)]
            check_predictors(x, list(x.columns), owner, _engine_label(self.spec, str(self.spec.engine)))
            check_ptype(x, self.ptype, owner)
        check_finite(x, owner, _engine_label(self.spec, str(self.spec.engine)))
        return x

    def predict(self, new_data: Any, type: str | None = None, **opts: Any) -> pd.DataFrame:
        """Predict with R's column names: ``.pred_class``, ``.pred_<level>`` or ``.pred``.

        Parameters
        ----------
        new_data : DataFrame
            New rows with the predictor columns (others, like the outcome, are ignored). polars
            and pyarrow frames and 2-D numpy arrays (columns in the fit's predictor order) work too.
        type : {"class", "prob", "numeric", "conf_int", "pred_int", "raw"}, optional
            Default "class" for classification, "numeric" for regression (R's defaults).
        **opts
            Passed to the engine, e.g. ``level=0.95`` for intervals.

        Returns
        -------
        DataFrame
            One row per row of ``new_data``, with its index; NaN where a predictor is missing.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 3.0, 5.0, 7.0]})
        >>> fit = linear_reg().fit("y ~ x", data=df)
        >>> fit.predict(np.array([[5.0], [np.nan]]))[".pred"].tolist()
        [9.0, nan]
        """
        info = self.engine_info
        label = _engine_label(self.spec, str(self.spec.engine))
        kind = type
        if kind is None:
            kind = "class" if self.mode == "classification" else "numeric"
        check_choice(kind, "type", f"predict() for {self.spec.model}({self.spec.engine})", _predict_types(info))
        x = self.forge(new_data)
        index = x.index
        n = len(x)
        if self.outcomes:  # several outcomes: the engine names the columns as hardhat does
            return self.fit.predict(x, type=kind).set_axis(index, axis=0)
        if kind == "raw":
            return info.predict["raw"](self.fit, x, **opts)
        complete = np.ones(n, dtype=bool)
        if n and not info.allow_missing:
            complete = _complete_rows(x)
        rows = x if complete.all() else x.loc[complete]
        m = len(rows)

        def scatter(values: np.ndarray) -> np.ndarray:
            if m == n:
                return values
            out = np.full((n,) + values.shape[1:], np.nan, dtype=values.dtype if values.dtype.kind == "f" else object)
            out[complete] = values
            return out

        if kind == "class":
            levels = list(self.lvl or ())
            if "class" in info.predict:
                raw = info.predict["class"](self.fit, rows, **opts) if m else []
                labels = pd.Series(np.asarray(raw, dtype=object).reshape(-1) if m else [], dtype=object)
                if len(labels) != m:
                    raise InvalidParameterError(f"The {label} returned {len(labels)} class labels for {m} rows.")
                text = labels.map(lambda v: v if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
                unknown = sorted(set(text.dropna()) - set(levels))
                if unknown:
                    raise InvalidParameterError(
                        f"The {label} returned class labels {unknown[:5]} that are not outcome levels {levels}."
                    )
                codes = pd.Categorical(text, categories=levels).codes.astype(float)
                codes[codes < 0] = np.nan
            else:
                prob = _as_2d(info.predict["prob"](self.fit, rows, **opts), m, len(levels), "probabilities", label) \
                    if m else np.empty((0, len(levels)))
                check_probabilities(prob, label)
                codes = np.full(m, np.nan)
                finite = ~np.isnan(prob).any(axis=1)
                codes[finite] = np.argmax(prob[finite], axis=1)
            codes = scatter(codes.astype(float)).astype(float)
            int_codes = np.where(np.isnan(codes), -1, codes).astype(int)
            cls = pd.Categorical.from_codes(int_codes, categories=levels)
            return pd.DataFrame({".pred_class": cls}, index=index)
        if kind == "prob":
            levels = list(self.lvl or ())
            prob = _as_2d(info.predict["prob"](self.fit, rows, **opts), m, len(levels), "probabilities", label) \
                if m else np.empty((0, len(levels)))
            check_probabilities(prob, label)
            return pd.DataFrame(scatter(prob), columns=[f".pred_{lv}" for lv in levels], index=index)
        if kind == "numeric":
            pred = _as_2d(info.predict["numeric"](self.fit, rows, **opts), m, 1, "predictions", label) \
                if m else np.empty((0, 1))
            return pd.DataFrame({".pred": scatter(pred[:, 0])}, index=index)
        bounds = _as_2d(info.predict[kind](self.fit, rows, **opts), m, 2, "interval bounds", label) \
            if m else np.empty((0, 2))
        bounds = scatter(bounds)
        return pd.DataFrame({".pred_lower": bounds[:, 0], ".pred_upper": bounds[:, 1]}, index=index)

    def augment(self, new_data: Any, **opts: Any) -> pd.DataFrame:
        """``new_data`` with the predictions in front (R: ``augment.model_fit``).

        Classification adds ``.pred_class`` and the ``.pred_<level>`` probabilities; regression adds
        ``.pred`` and, when the outcome column is present, ``.resid = outcome - .pred``.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [1.0, 3.0, 5.0]})
        >>> linear_reg().fit("y ~ x", data=df).augment(df).round(6).columns.tolist()
        ['.pred', '.resid', 'x', 'y']
        """
        return augment_frame(self, new_data, self.predict, **opts)

    def multi_predict(self, new_data: Any, type: str | None = None, **values: Any) -> pd.DataFrame:
        """Predictions at several values of one submodel argument, from this one fit (R: ``multi_predict``).

        The argument is the engine's submodel parameter: ``penalty`` (glmnet), ``trees`` (boosted
        trees), ``epochs`` (TabNet, from its checkpoints), ``neighbors`` and so on, as tuning uses
        them. R returns one row per row of ``new_data`` with a nested ``.pred`` tibble; pytidy returns
        that nest unnested (R: ``tidyr::unnest(.pred)``), with ``.row`` naming the row of
        ``new_data`` (its index label): one row per row and value, the values in the given order.

        Parameters
        ----------
        new_data : DataFrame
        type : {"class", "prob", "numeric"}, optional
            Default "class" for classification, "numeric" for regression.
        **values
            Exactly one ``name=sequence`` pair, e.g. ``penalty=[0.1, 0.01]``.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": np.arange(20.0), "z": np.sin(np.arange(20.0))})
        >>> df["y"] = 2 * df["x"] + df["z"]
        >>> fit = linear_reg(penalty=0.1).set_engine("glmnet").fit("y ~ .", df)
        >>> fit.multi_predict(df.head(2), penalty=[10.0, 0.0]).columns.tolist()
        ['.row', 'penalty', '.pred']
        """
        info = self.engine_info
        label = _engine_label(self.spec, str(self.spec.engine))
        if len(values) != 1:
            raise InvalidParameterError(
                f"multi_predict() takes exactly one submodel argument as name=values (e.g. penalty=[0.1, 0.01]); "
                f"got {sorted(values) or 'none'}."
            )
        ((arg, given),) = values.items()
        if arg not in info.multi_predict:
            have = sorted(info.multi_predict)
            raise InvalidParameterError(
                f"multi_predict() of {label} has no submodel argument {arg!r}; "
                + (f"it takes {have}." if have else "this engine predicts one model per fit: refit for each value.")
            )
        if self.outcomes:
            raise NotImplementedError(f"multi_predict() of a {label} fit with several outcomes is not implemented.")
        vals = list(np.atleast_1d(np.asarray(given, dtype=object)))
        if not vals:
            raise InvalidParameterError(f"`{arg}` in multi_predict() must hold at least one value.")
        kind = type or ("class" if self.mode == "classification" else "numeric")
        valid = [t for t in _predict_types(info) if t in ("class", "prob", "numeric")]
        check_choice(kind, "type", f"multi_predict() for {label}", valid)
        x = self.forge(new_data)
        complete = _complete_rows(x) if len(x) and not info.allow_missing else np.ones(len(x), dtype=bool)
        rows = x.loc[complete]
        frames = submodel_predictions(self, rows, [kind], arg, vals)
        out = []
        for v, frame in zip(vals, frames):
            frame = frame.set_axis(rows.index, axis=0).reindex(x.index)  # NaN where a predictor is missing
            out.append(frame.assign(**{".row": x.index, arg: [v] * len(x), "_k": np.arange(len(x))}))
        both = pd.concat(out, ignore_index=True).sort_values("_k", kind="stable")
        pred_cols = [c for c in both.columns if c not in (".row", arg, "_k")]
        return both.loc[:, [".row", arg, *pred_cols]].reset_index(drop=True)

    def _engine_method(self, name: str, r_name: str) -> Any:
        method = getattr(self.fit, name, None)
        if method is None:
            raise NotImplementedError(f"{r_name}() is not implemented for {self.spec.model}({self.spec.engine}) fits.")
        return method()

    def tidy(self) -> pd.DataFrame:
        """The engine's tidy summary (R: ``broom::tidy``): for ``lm``/``glm`` term, estimate,
        std.error, statistic, p.value, with NaN for aliased terms.

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": [1.0, 2, 3, 4], "z": [2.0, 4, 6, 8], "y": [1.0, 3, 2, 5]})
        >>> linear_reg().fit("y ~ .", data=df).tidy()["estimate"].round(2).tolist()
        [-0.0, 1.1, nan]
        """
        return self._engine_method("tidy", "tidy")

    def glance(self) -> pd.DataFrame:
        """One row of model statistics (R: ``broom::glance``; e.g. r.squared, sigma, AIC for ``lm``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [1.0, 3, 2, 5]})
        >>> round(float(linear_reg().fit("y ~ x", data=df).glance()["r.squared"].iloc[0]), 4)
        0.6914
        """
        return self._engine_method("glance", "glance")

    def vcov(self) -> pd.DataFrame:
        """The covariance matrix of the coefficients, rows and columns named by term (R: ``vcov``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [1.0, 3, 2, 5]})
        >>> linear_reg().fit("y ~ x", data=df).vcov().round(3)
                     (Intercept)      x
        (Intercept)        2.025 -0.675
        x                 -0.675  0.270
        """
        return self._engine_method("vcov", "vcov")

    def __repr__(self) -> str:
        return f"parsnip model object ({self.spec.model}, engine {self.spec.engine}, {self.mode})\n\n{self.fit!r}"


def _predict_types(info: EngineInfo) -> list[str]:
    """The prediction types an engine gives, sorted: its own, plus "class" wherever it gives "prob"."""
    return sorted(set(info.predict) | ({"class"} if "prob" in info.predict else set()))


def _raw_as_frame(raw: Any, type: str, lvl: Any, n: int) -> pd.DataFrame:
    """An engine's raw prediction in R's columns, as ``ModelFit.predict`` lays it out."""
    if type == "class":
        labels = np.asarray(raw).astype(str)
        return pd.DataFrame({".pred_class": pd.Categorical(labels, categories=list(lvl))})
    if type == "prob":
        prob = np.asarray(raw, dtype=float).reshape(n, -1)
        return pd.DataFrame(prob, columns=[f".pred_{lv}" for lv in lvl])
    return pd.DataFrame({".pred": np.asarray(raw, dtype=float).reshape(n)})


def submodel_predictions(model_fit: ModelFit, x: pd.DataFrame, types: list[str], arg: str,
                         values: list[Any]) -> list[pd.DataFrame]:
    """One frame per value of the submodel argument ``arg``, from one fit, on forged predictors ``x``.

    The engine's ``EngineInfo.multi_predict[arg]`` gives the raw predictions (R: ``multi_predict``);
    "class" comes from the probabilities when the engine has no class predictions. Each frame has
    the columns of ``ModelFit.predict`` for ``types``, side by side, and a 0..n-1 index.
    """
    n = len(x)
    info = model_fit.engine_info
    multi = info.multi_predict[arg]
    per_type: dict[str, list[pd.DataFrame]] = {}
    for t in types:
        if t == "class" and "class" not in info.predict:
            probs = multi(model_fit.fit, x, values, "prob")
            lvl = np.asarray(model_fit.lvl, dtype=object)
            raw = [lvl[np.argmax(np.asarray(p, dtype=float).reshape(n, -1), axis=1)] if n else np.array([], dtype=object)
                   for p in probs]
        else:
            raw = multi(model_fit.fit, x, values, t)
        if len(raw) != len(values):
            raise InvalidParameterError(
                f"multi_predict() of the {model_fit.spec.engine} engine returned {len(raw)} predictions for "
                f"{len(values)} values of `{arg}`; it must return one per value."
            )
        per_type[t] = [_raw_as_frame(r, t, model_fit.lvl, n) for r in raw]
    return [pd.concat([per_type[t][j] for t in types], axis=1) if types else pd.DataFrame(index=range(n))
            for j in range(len(values))]


def augment_frame(fitted: Any, new_data: Any, predict: Any, **opts: Any) -> pd.DataFrame:
    """Predictions (class and probabilities, or numeric and residual) bound in front of ``new_data``."""
    new_data = as_frame(new_data, "new_data", "augment()")
    if fitted.mode == "classification":
        parts = [predict(new_data, type="class", **opts)]
        if "prob" in fitted.engine_info.predict:
            parts.append(predict(new_data, type="prob", **opts))
        preds = pd.concat(parts, axis=1)
    else:
        preds = predict(new_data, type="numeric", **opts)
        if fitted.outcome in new_data.columns:
            truth = new_data[fitted.outcome].to_numpy(dtype=float, na_value=np.nan)
            preds[".resid"] = truth - preds[".pred"].to_numpy()
    rest = new_data.drop(columns=[c for c in preds.columns if c in new_data.columns])
    return pd.concat([preds, rest], axis=1)
