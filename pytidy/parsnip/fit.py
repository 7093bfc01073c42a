"""Fitted models and the fit/predict dispatch (R: parsnip ``fit.model_spec``, ``predict.model_fit``)."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._checks import check_choice, check_columns
from .._random import SeedLike, draw_seed
from ..errors import InvalidParameterError
from ._mold import FormulaBlueprint, mold_formula
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


def _outcome_levels(spec: ModelSpec, mode: str, y: pd.Series) -> tuple[str, ...] | None:
    if mode == "classification":
        if not isinstance(y.dtype, pd.CategoricalDtype):
            raise InvalidParameterError(
                f"For a classification model the outcome should be a categorical (R: factor); "
                f"`{y.name}` has dtype {y.dtype}. Convert it with df[{y.name!r}].astype('category')."
            )
        return tuple(str(c) for c in y.cat.categories)
    if not pd.api.types.is_numeric_dtype(y) or pd.api.types.is_bool_dtype(y):
        raise InvalidParameterError(
            f"For a regression model the outcome should be numeric; `{y.name}` has dtype {y.dtype}."
        )
    return None


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


def _fit(spec: ModelSpec, x: pd.DataFrame, y: pd.Series, seed: SeedLike, blueprint: Any,
         case_weights: Any = None) -> ModelFit:
    _check_no_tune(spec)
    mode = spec._mode_or_only()
    engine = spec._engine_or_default()
    info = get_engine(spec.model, engine, mode)
    lvl = _outcome_levels(spec, mode, y)
    wts = check_case_weights(case_weights, spec, info, len(x))
    extra = {} if wts is None else {"case_weights": wts}
    start = time.perf_counter()
    obj = info.fit(x, y, seed=draw_seed(seed), **engine_arguments(spec, info), **extra)
    return ModelFit(
        spec=spec.set_mode(mode).set_engine(engine) if spec.engine is None or spec.mode == "unknown" else spec,
        fit=obj,
        lvl=lvl,
        outcome=str(y.name),
        predictors=tuple(str(c) for c in x.columns),
        blueprint=blueprint,
        elapsed=time.perf_counter() - start,
    )


def fit_formula(spec: ModelSpec, formula: str, data: pd.DataFrame, *, seed: SeedLike = None,
                case_weights: Any = None) -> ModelFit:
    """Fit ``spec`` to ``data`` with a formula (R: ``fit(spec, y ~ ., data, case_weights = NULL)``).

    ``case_weights`` is an :func:`~pytidy.importance_weights` or :func:`~pytidy.frequency_weights`
    vector, one per row of ``data``; case-weights columns of ``data`` are never predictors.
    """
    mode = spec._mode_or_only()
    info = get_engine(spec.model, spec._engine_or_default(), mode)
    if isinstance(data, pd.DataFrame):
        from ..case_weights import is_case_weights

        wcols = [c for c in data.columns if is_case_weights(data[c])]
        if wcols:
            data = data.drop(columns=wcols)
    x, y, bp = mold_formula(formula, data, info.encoding)
    return _fit(spec, x, y, seed, bp, case_weights)


def fit_xy(spec: ModelSpec, x: pd.DataFrame, y: pd.Series, *, seed: SeedLike = None,
           case_weights: Any = None) -> ModelFit:
    """Fit ``spec`` to predictors ``x`` and outcome ``y`` (R: ``fit_xy(..., case_weights = NULL)``).

    ``case_weights`` is an :func:`~pytidy.importance_weights` or :func:`~pytidy.frequency_weights`
    vector with one weight per row; the engine must accept them (``EngineInfo.case_weights``),
    otherwise R's "Case weights are not enabled by the underlying model implementation" error.

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
    if not isinstance(x, pd.DataFrame):
        raise InvalidParameterError(f"`x` in fit_xy() must be a pandas DataFrame; got {type(x).__name__}.")
    if not isinstance(y, pd.Series):
        y = pd.Series(np.asarray(y), index=x.index, name="y")
    if len(y) != len(x):
        raise InvalidParameterError(f"`x` has {len(x)} rows but `y` has {len(y)}; they must match.")
    return _fit(spec, x, y, seed, None, case_weights)


@frozen(eq=False)
class ModelFit:
    """A fitted model (R: ``model_fit``): the spec, the engine's object and what predict needs."""

    spec: ModelSpec
    fit: Any
    lvl: tuple[str, ...] | None
    outcome: str
    predictors: tuple[str, ...] = field(converter=tuple)
    blueprint: FormulaBlueprint | None = None
    elapsed: float = 0.0

    @property
    def mode(self) -> str:
        return self.spec.mode

    @property
    def engine_info(self) -> EngineInfo:
        return get_engine(self.spec.model, self.spec.engine, self.spec.mode)

    def extract_fit_engine(self) -> Any:
        """The engine's own fitted object (R: ``extract_fit_engine``)."""
        return self.fit

    def extract_spec_parsnip(self) -> ModelSpec:
        return self.spec

    def forge(self, new_data: pd.DataFrame) -> pd.DataFrame:
        """The predictor columns of ``new_data`` as the engine saw them at fit time."""
        if not isinstance(new_data, pd.DataFrame):
            raise InvalidParameterError(
                f"`new_data` must be a pandas DataFrame; got {type(new_data).__name__}."
            )
        if self.blueprint is not None:
            return self.blueprint.forge(new_data)
        check_columns(new_data, self.predictors, "predict()", what="new_data")
        return new_data.loc[:, list(self.predictors)]

    def predict(self, new_data: pd.DataFrame, type: str | None = None, **opts: Any) -> pd.DataFrame:
        """Predict with R's column names: ``.pred_class``, ``.pred_<level>`` or ``.pred``.

        Parameters
        ----------
        new_data : DataFrame
            New rows with the predictor columns (others, like the outcome, are ignored).
        type : {"class", "prob", "numeric", "conf_int", "pred_int", "raw"}, optional
            Default "class" for classification, "numeric" for regression (R's defaults).
        **opts
            Passed to the engine, e.g. ``level=0.95`` for intervals.

        Returns
        -------
        DataFrame
            One row per row of ``new_data``, with its index.
        """
        info = self.engine_info
        if type is None:
            type = "class" if self.mode == "classification" else "numeric"
        valid = set(info.predict) | ({"class"} if "prob" in info.predict else set())
        check_choice(type, "type", f"predict() for {self.spec.model}({self.spec.engine})", sorted(valid))
        x = self.forge(new_data)
        index = new_data.index
        if type == "raw":
            return info.predict["raw"](self.fit, x, **opts)
        if type == "class":
            if "class" in info.predict:
                labels = np.asarray(info.predict["class"](self.fit, x, **opts)).astype(str)
            else:
                prob = np.asarray(info.predict["prob"](self.fit, x, **opts))
                labels = np.asarray(self.lvl, dtype=object)[np.argmax(prob, axis=1)] if len(x) else np.array([], dtype=object)
            cls = pd.Categorical(labels, categories=list(self.lvl))
            return pd.DataFrame({".pred_class": cls}, index=index)
        if type == "prob":
            prob = np.asarray(info.predict["prob"](self.fit, x, **opts), dtype=float).reshape(len(x), -1)
            return pd.DataFrame(prob, columns=[f".pred_{lv}" for lv in self.lvl], index=index)
        if type == "numeric":
            pred = np.asarray(info.predict["numeric"](self.fit, x, **opts), dtype=float).reshape(len(x))
            return pd.DataFrame({".pred": pred}, index=index)
        bounds = np.asarray(info.predict[type](self.fit, x, **opts), dtype=float).reshape(len(x), 2)
        return pd.DataFrame({".pred_lower": bounds[:, 0], ".pred_upper": bounds[:, 1]}, index=index)

    def augment(self, new_data: pd.DataFrame, **opts: Any) -> pd.DataFrame:
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

    def tidy(self) -> pd.DataFrame:
        """The engine's tidy summary, if it has one (e.g. coefficients of ``lm``)."""
        method = getattr(self.fit, "tidy", None)
        if method is None:
            raise NotImplementedError(f"tidy() is not implemented for {self.spec.model}({self.spec.engine}) fits.")
        return method()

    def __repr__(self) -> str:
        return f"parsnip model object ({self.spec.model}, engine {self.spec.engine}, {self.mode})\n\n{self.fit!r}"


def augment_frame(fitted: Any, new_data: pd.DataFrame, predict: Any, **opts: Any) -> pd.DataFrame:
    """Predictions (class and probabilities, or numeric and residual) bound in front of ``new_data``."""
    if not isinstance(new_data, pd.DataFrame):
        raise InvalidParameterError(f"`new_data` in augment() must be a pandas DataFrame; got {type(new_data).__name__}.")
    if fitted.mode == "classification":
        parts = [predict(new_data, type="class", **opts)]
        if "prob" in fitted.engine_info.predict:
            parts.append(predict(new_data, type="prob", **opts))
        preds = pd.concat(parts, axis=1)
    else:
        preds = predict(new_data, type="numeric", **opts)
        if fitted.outcome in new_data.columns:
            preds[".resid"] = new_data[fitted.outcome].to_numpy(dtype=float) - preds[".pred"].to_numpy()
    rest = new_data.drop(columns=[c for c in preds.columns if c in new_data.columns])
    return pd.concat([preds, rest], axis=1)
