"""Conformance checks every model engine must pass (scikit-learn: ``check_estimator``).

An :class:`EngineCase` names a registered (model, engine, mode) plus small data; each function
of :data:`ENGINE_CHECKS` takes a case and raises ``AssertionError`` naming the engine and what is
wrong. Run them all with :func:`check_engine`, or one by one with pytest::

    @pytest.mark.parametrize("check", ENGINE_CHECKS, ids=lambda c: c.__name__)
    def test_my_engine(check):
        check(EngineCase("linear_reg", "my_engine", "regression"))

Missing predictors: pytidy's contract (R's ``na.pass`` at prediction time) is that a row of
``new_data`` with a missing predictor gives a missing prediction *in place*, and the other rows
are unaffected. An engine that cannot take missing values may instead raise a
:class:`~pytidy.errors.PytidyError` whose message mentions the missing values;
:func:`check_nan_rows_in_place` accepts either and fails on anything else (a raw ``ValueError``
from the library, dropped rows, or wrong predictions in the complete rows).

Examples
--------
>>> check_engine("linear_reg", "lm", "regression")
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_dict
from ..errors import InvalidParameterError, PytidyError
from ..hardhat import tune
from ..parsnip.registry import EngineInfo, get_engine, get_model
from ..parsnip.spec import ModelSpec, new_model_spec

__all__ = ["EngineCase", "ENGINE_CHECKS", "FAST_ARGS", "COUNT_MODELS", "check_engine", "engine_data"]

#: Main-argument values used when the engine takes the argument and the case does not set it:
#: one epoch of a network and a handful of trees keep the checks fast; glmnet needs one penalty.
FAST_ARGS: dict[str, Any] = {"epochs": 1, "trees": 5, "penalty": 0.01}
_COUNTS = ("epochs", "trees")


#: Models whose outcome must be a count (R: ``poisson_reg``); their default data has a count ``y``.
COUNT_MODELS = {"poisson_reg"}


def engine_data(mode: str, n: int = 40, seed: int = 1, counts: bool = False) -> pd.DataFrame:
    """Small data for the checks: numeric predictors ``x1``-``x3`` and an outcome, non-default index.

    Regression: a numeric ``y`` (non-negative integer counts with ``counts=True``).
    Classification: a two-level categorical ``Class`` (levels ``"one"``, ``"two"``, both present
    in every half of the rows).

    Examples
    --------
    >>> engine_data("classification").dtypes.astype(str).tolist()
    ['float64', 'float64', 'float64', 'category']
    >>> bool((engine_data("regression", counts=True)["y"] % 1 == 0).all())
    True
    """
    if mode not in ("classification", "regression"):
        raise InvalidParameterError(f"`mode` in engine_data() must be 'classification' or 'regression'; got {mode!r}.")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    out = pd.DataFrame(x, columns=["x1", "x2", "x3"], index=pd.RangeIndex(500, 500 + 3 * n, 3))
    signal = 2.0 * x[:, 0] - x[:, 1]
    if mode == "regression":
        out["y"] = rng.poisson(np.exp(0.5 + 0.3 * signal)).astype(float) if counts else signal + rng.normal(0, 0.5, n)
    else:
        labels = np.where(signal + rng.normal(0, 1.0, n) > 0, "two", "one")
        labels[:2], labels[n // 2:n // 2 + 2] = ["one", "two"], ["one", "two"]
        out["Class"] = pd.Categorical(labels, categories=["one", "two"])
    return out


@frozen
class EngineCase:
    """One registered engine plus the data and arguments the checks use.

    Attributes
    ----------
    model, engine, mode : str
        A registered combination (see ``registered_engines()``).
    data : DataFrame, optional
        Training data with the predictors and the outcome; default :func:`engine_data`.
    outcome : str, optional
        The outcome column; default ``"y"`` / ``"Class"`` for the default data, else the last column.
    args : dict
        Main arguments for the spec; :data:`FAST_ARGS` fill in those the engine takes and that are
        not given here.
    engine_args : dict
        Engine arguments (``set_engine(engine, **engine_args)``).
    """

    model: str
    engine: str
    mode: str
    data: pd.DataFrame | None = field(default=None, eq=False)
    outcome: str | None = None
    args: dict[str, Any] = field(factory=dict, converter=as_dict)
    engine_args: dict[str, Any] = field(factory=dict, converter=as_dict)

    @property
    def info(self) -> EngineInfo:
        return get_engine(self.model, self.engine, self.mode)

    @property
    def name(self) -> str:
        return f"{self.model}({self.engine}, {self.mode})"

    def training(self) -> pd.DataFrame:
        if self.data is None:
            return engine_data(self.mode, counts=self.model in COUNT_MODELS)
        return self.data.copy()

    def outcome_name(self) -> str:
        if self.outcome is not None:
            return self.outcome
        if self.data is None:
            return "y" if self.mode == "regression" else "Class"
        return str(self.data.columns[-1])

    def formula(self) -> str:
        return f"`{self.outcome_name()}` ~ ."

    def used(self, arg: str) -> bool:
        """Whether the engine uses the main argument ``arg``."""
        info = self.info
        return arg in get_model(self.model).main_args and (info.args is None or arg in info.args)

    def spec(self, **args: Any) -> ModelSpec:
        fast = {k: v for k, v in FAST_ARGS.items() if self.used(k) and k not in self.args}
        main = {**fast, **self.args, **{k: v for k, v in args.items() if k in get_model(self.model).main_args}}
        eng = {**self.engine_args, **{k: v for k, v in args.items() if k not in get_model(self.model).main_args}}
        return new_model_spec(self.model, main, mode=self.mode, engine=self.engine).set_engine(self.engine, **eng)

    def workflow(self, **args: Any) -> Any:
        from ..workflows import workflow

        return workflow(self.formula(), self.spec(**args))

    def fit(self, data: pd.DataFrame | None = None, seed: int = 1, **args: Any) -> Any:
        """Fit the case's workflow; a failing fit is an ``AssertionError`` naming the engine."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return self.workflow(**args).fit(self.training() if data is None else data, seed=seed)
        except Exception as exc:  # noqa: BLE001 - reported as the check's failure
            raise AssertionError(f"{self.name}: fit raised {type(exc).__name__}: {exc}") from exc

    def predict_types(self) -> list[str]:
        """Every prediction type the engine declares, plus ``"class"`` when it has ``"prob"``."""
        types = list(self.info.predict)
        if self.mode == "classification" and "prob" in types and "class" not in types:
            types.insert(0, "class")
        return types

    def tunable(self) -> list[str]:
        """The tunable arguments the engine uses: main arguments it takes, and engine arguments."""
        main = get_model(self.model).main_args
        return [a for a in self.info.tunable if (a in main and self.used(a)) or a not in main]


def _fail(case: EngineCase, msg: str) -> NoReturn:
    raise AssertionError(f"{case.name}: {msg}")


def _columns(case: EngineCase, kind: str, lvl: Any) -> list[str] | None:
    if kind == "class":
        return [".pred_class"]
    if kind == "prob":
        return [f".pred_{lv}" for lv in lvl]
    if kind == "numeric":
        return [".pred"]
    if kind in ("conf_int", "pred_int"):
        return [".pred_lower", ".pred_upper"]
    return None  # "raw" and engine-specific types: any shape


def _predict(fitted: Any, data: pd.DataFrame, kind: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fitted.predict(data, type=kind)


def _values(pred: Any) -> np.ndarray:
    if isinstance(pred, pd.DataFrame) and ".pred_class" in pred.columns and pred.shape[1] == 1:
        return pred[".pred_class"].astype(object).to_numpy()
    return np.asarray(pred, dtype=float) if isinstance(pred, pd.DataFrame) else np.asarray(pred)


def _same(a: Any, b: Any) -> bool:
    a, b = _values(a), _values(b)
    if a.dtype == object or b.dtype == object:
        return a.shape == b.shape and all((x == y) or (pd.isna(x) and pd.isna(y)) for x, y in zip(a.ravel(), b.ravel()))
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-10, atol=1e-12, equal_nan=True)


def check_predict_columns_and_rows(case: EngineCase) -> None:
    """Every declared type predicts one row per input row, with R's column names and the input's index."""
    train = case.training()
    fitted = case.fit(train)
    new = train.drop(columns=[case.outcome_name()]).iloc[::-1]  # reversed index: rows must line up
    for kind in case.predict_types():
        try:
            pred = _predict(fitted, new, kind)
        except Exception as exc:  # noqa: BLE001 - reported as the check's failure
            _fail(case, f"predict(type={kind!r}) raised {type(exc).__name__}: {exc}")
        cols = _columns(case, kind, fitted.lvl)
        if cols is None:
            continue
        if not isinstance(pred, pd.DataFrame):
            _fail(case, f"predict(type={kind!r}) returned {type(pred).__name__}, not a DataFrame.")
        if list(pred.columns) != cols:
            _fail(case, f"predict(type={kind!r}) has columns {list(pred.columns)}; expected {cols}.")
        if len(pred) != len(new) or not pred.index.equals(new.index):
            _fail(case, f"predict(type={kind!r}) must give one row per row of new_data with its index; "
                        f"got {len(pred)} rows for {len(new)}.")
        if kind == "prob":
            p = pred.to_numpy(dtype=float)
            if not (np.all((p >= 0) & (p <= 1)) and np.allclose(p.sum(axis=1), 1.0, atol=1e-6)):
                _fail(case, "class probabilities must lie in [0, 1] and sum to 1 in each row.")
        if kind == "class" and list(pred[".pred_class"].cat.categories) != list(fitted.lvl):
            _fail(case, f".pred_class must be a categorical with the outcome levels {list(fitted.lvl)}.")
        if kind == "numeric" and not np.all(np.isfinite(pred[".pred"].to_numpy(dtype=float))):
            _fail(case, "numeric predictions of complete rows must be finite.")
        if kind in ("conf_int", "pred_int"):
            b = pred.to_numpy(dtype=float)
            if not np.all(b[:, 0] <= b[:, 1]):
                _fail(case, f"predict(type={kind!r}): .pred_lower must not exceed .pred_upper.")
    one = _predict(fitted, new.iloc[:1], case.predict_types()[0])
    if _columns(case, case.predict_types()[0], fitted.lvl) is not None and len(one) != 1:
        _fail(case, "predicting one row must give one row.")


def check_seed_reproducible(case: EngineCase) -> None:
    """The same seed gives the same predictions (sk: ``check_fit_idempotent``)."""
    train = case.training()
    new = train.drop(columns=[case.outcome_name()])
    kind = "prob" if "prob" in case.info.predict else case.predict_types()[0]
    first = _predict(case.fit(train, seed=11), new, kind)
    second = _predict(case.fit(train, seed=11), new, kind)
    if not _same(first, second):
        _fail(case, "two fits with the same seed gave different predictions; draw all randomness from `seed`.")


def check_fit_leaves_inputs_alone(case: EngineCase) -> None:
    """Fitting changes neither the caller's data nor the spec (sk: ``check_estimators_overwrite_params``)."""
    train = case.training()
    x = case.workflow().mold_predictors(train)      # the predictors as the engine gets them
    y = train[case.outcome_name()]
    x_before, y_before = x.copy(deep=True), y.copy(deep=True)
    spec = case.spec()
    args_before, eng_before = dict(spec.args), dict(spec.engine_args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spec.fit_xy(x, y, seed=1)
    except Exception as exc:  # noqa: BLE001 - reported as the check's failure
        _fail(case, f"fit_xy raised {type(exc).__name__}: {exc}")
    if not (x.equals(x_before) and y.equals(y_before)):
        _fail(case, "fit changed the caller's data; copy before modifying it.")
    if spec.args != args_before or spec.engine_args != eng_before:
        _fail(case, "fit changed the model specification.")


def check_nan_rows_in_place(case: EngineCase) -> None:
    """A row with a missing predictor gives a missing prediction in place, others unchanged (R: na.pass).

    An engine that cannot take missing values may raise a PytidyError mentioning them instead. An
    engine that declares ``allow_missing=True`` predicts those rows itself (xgboost, TabNet): they
    must then get a prediction, not NaN.
    """
    train = case.training()
    fitted = case.fit(train)
    new = train.drop(columns=[case.outcome_name()])
    holed = new.copy()
    holed.iloc[[1, 4], 0] = np.nan
    for kind in case.predict_types():
        if _columns(case, kind, fitted.lvl) is None:
            continue
        clean = _predict(fitted, new, kind)
        try:
            pred = _predict(fitted, holed, kind)
        except PytidyError as exc:
            if "missing" in str(exc).lower() or "nan" in str(exc).lower():
                return
            _fail(case, f"predict() with missing predictors raised an error that does not mention them: {exc}")
        except Exception as exc:  # noqa: BLE001 - a raw library error is what this check reports
            _fail(case, f"predict(type={kind!r}) with missing predictors raised {type(exc).__name__}: {exc}. "
                        "Give NaN rows in place, or raise a PytidyError that says so.")
        if len(pred) != len(new) or not pred.index.equals(new.index):
            _fail(case, f"predict(type={kind!r}) dropped or reordered rows with missing predictors.")
        missing = pred.iloc[[1, 4]].isna().all(axis=1).all()
        if case.info.allow_missing and pred.iloc[[1, 4]].isna().any(axis=None):
            _fail(case, f"predict(type={kind!r}): the engine declares allow_missing=True, so rows with a "
                        "missing predictor must get a prediction, not NaN.")
        if not case.info.allow_missing and not missing:
            _fail(case, f"predict(type={kind!r}): rows with a missing predictor must give missing predictions.")
        keep = [i for i in range(len(new)) if i not in (1, 4)]
        if not _same(pred.iloc[keep], clean.iloc[keep]):
            _fail(case, f"predict(type={kind!r}): a missing value in one row changed the predictions of others.")


def check_save_load_round_trip(case: EngineCase) -> None:
    """``fitted.save(path)`` then ``load_workflow(path)`` predicts exactly as before."""
    from ..workflows import load_workflow

    train = case.training()
    fitted = case.fit(train)
    new = train.drop(columns=[case.outcome_name()])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.pytidy"
        try:
            fitted.save(path)
            loaded = load_workflow(path)
        except Exception as exc:  # noqa: BLE001 - reported as the check's failure
            _fail(case, f"save/load_workflow failed: {type(exc).__name__}: {exc}")
    for kind in case.predict_types():
        if _columns(case, kind, fitted.lvl) is None:
            continue
        if not _same(_predict(fitted, new, kind), _predict(loaded, new, kind)):
            _fail(case, f"predict(type={kind!r}) differs after save/load_workflow.")


def _tune_problem(case: EngineCase, args: list[str], train: pd.DataFrame) -> str | None:
    """Run tune_grid with ``args`` set to tune() on a 2-point grid; a message if it went wrong."""
    from ..dials import value_seq
    from ..rsample import mc_cv
    from ..tune import tune_grid
    from ..yardstick import accuracy, metric_set, rmse

    metrics = metric_set(rmse) if case.mode == "regression" else metric_set(accuracy)
    wf = case.workflow(**{a: tune() for a in args})
    pset = wf.parameters()
    if pset.has_unknowns():
        pset = pset.finalize(wf.mold_predictors(train))
    columns = {}
    for name, id, obj in zip(pset.names, pset.ids, pset.objects):
        values = [FAST_ARGS[name], FAST_ARGS[name] + 1] if name in _COUNTS else list(value_seq(obj, 2))
        columns[id] = (values + values[-1:])[:2]
    grid = pd.DataFrame(columns).drop_duplicates()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = tune_grid(wf, mc_cv(train, prop=0.75, times=1, seed=1), grid=grid, metrics=metrics, seed=1)
    notes = res.collect_notes()
    errors = notes[notes["type"] == "error"] if len(notes) else notes
    if len(errors):
        return f"recorded errors: {errors['note'].iloc[0]}"
    est = res.collect_metrics()
    if len(est) != len(grid) or est["mean"].isna().any():
        return f"did not score every grid point: {est.to_dict('records')}"
    return None


def check_tune_every_tunable(case: EngineCase) -> None:
    """Each tunable argument the engine uses can be ``tune()``-d in tune_grid with a 2-point grid.

    All of them are tried together first (one tune_grid); only when that fails is each argument
    tried alone, to name the one that fails.
    """
    args = case.tunable()
    if not args:
        return
    train = case.training()
    if _tune_problem(case, args, train) is None:
        return
    for arg in args:
        problem = _tune_problem(case, [arg], train)
        if problem is not None:
            _fail(case, f"tune_grid() of `{arg}` {problem}")


def check_leftover_tune_raises(case: EngineCase) -> None:
    """Fitting with a ``tune()`` placeholder left is a clear error, not an engine crash."""
    args = case.tunable()
    if not args:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            case.workflow(**{args[0]: tune()}).fit(case.training(), seed=1)
    except InvalidParameterError as exc:
        if "tune()" not in str(exc):
            _fail(case, f"the error for a leftover tune() does not say so: {exc}")
        return
    _fail(case, f"fitting with `{args[0]}` = tune() did not raise.")


def check_case_weights(case: EngineCase) -> None:
    """Case weights reach an engine that declares them and are refused, as R, by one that does not.

    An engine with ``EngineInfo.case_weights=True`` is fitted through a workflow with
    ``add_case_weights()``: the weighted fit must succeed and give other predictions than the
    unweighted one (weights that are silently dropped fail here). For a deterministic engine
    (two seeds, same predictions) weights of 1 must also give the unweighted predictions; a
    randomised one may draw its samples differently once it has weights (ranger's and
    scikit-learn's forests sample rows by weight). Without ``case_weights=True`` the fit must
    raise R's "Case weights are not enabled by the underlying model implementation".
    """
    from ..case_weights import frequency_weights

    train = case.training()
    new = train.drop(columns=[case.outcome_name()])
    kind = "prob" if "prob" in case.info.predict else case.predict_types()[0]
    pattern = np.where(np.arange(len(train)) % 3 == 0, 4, 1)
    weighted = train.assign(case_wts=frequency_weights(pattern))
    wf = case.workflow().add_case_weights("case_wts")
    if not case.info.case_weights:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wf.fit(weighted, seed=1)
        except InvalidParameterError as exc:
            if "Case weights are not enabled" in str(exc):
                return
            _fail(case, f"fitting with case weights raised an unclear error: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported as the check's failure
            _fail(case, f"fitting with case weights raised {type(exc).__name__}: {exc}")
        _fail(case, "the engine does not declare case_weights=True, yet a fit with case weights did not raise.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit_w = wf.fit(weighted, seed=1)
            fit_1 = wf.fit(train.assign(case_wts=frequency_weights(np.ones(len(train), dtype=int))), seed=1)
    except Exception as exc:  # noqa: BLE001 - reported as the check's failure
        _fail(case, f"the engine declares case_weights=True but a weighted fit raised {type(exc).__name__}: {exc}")
    plain = _values(_predict(case.fit(train, seed=1), new, kind))
    deterministic = _same(_predict(case.fit(train, seed=2), new, kind), _predict(case.fit(train, seed=1), new, kind))
    if deterministic and not np.allclose(_values(_predict(fit_1, new, kind)), plain, rtol=1e-6, atol=1e-8,
                                         equal_nan=True):
        _fail(case, "case weights that are all 1 changed the predictions; they must equal the unweighted fit.")
    if np.allclose(_values(_predict(fit_w, new, kind)), plain, rtol=1e-6, atol=1e-8, equal_nan=True):
        _fail(case, "case weights did not change the predictions: does fit() pass `case_weights` to the library?")


ENGINE_CHECKS: list[Callable[[EngineCase], None]] = [
    check_predict_columns_and_rows,
    check_seed_reproducible,
    check_fit_leaves_inputs_alone,
    check_nan_rows_in_place,
    check_save_load_round_trip,
    check_tune_every_tunable,
    check_leftover_tune_raises,
    check_case_weights,
]


def check_engine(model: str, engine: str, mode: str, data: pd.DataFrame | None = None, *,
                 outcome: str | None = None, args: dict[str, Any] | None = None,
                 engine_args: dict[str, Any] | None = None) -> None:
    """Run every check of :data:`ENGINE_CHECKS` on a registered engine (sk: ``check_estimator``).

    Parameters
    ----------
    model, engine, mode : str
        A registered combination, e.g. ``("linear_reg", "lm", "regression")``.
    data : DataFrame, optional
        Predictors plus the outcome; default :func:`engine_data` (40 rows, 3 numeric predictors).
    outcome : str, optional
        The outcome column of ``data`` (default: its last column).
    args, engine_args : dict, optional
        Main and engine arguments of the spec (e.g. ``args={"epochs": 2}``).

    Raises
    ------
    AssertionError
        The first failing check, naming the engine and what is wrong.
    EngineNotFoundError
        The combination is not registered.

    Examples
    --------
    >>> check_engine("linear_reg", "glmnet", "regression", args={"penalty": 0.1})
    """
    get_engine(model, engine, mode)
    case = EngineCase(model, engine, mode, data=data, outcome=outcome, args=args or {},
                      engine_args=engine_args or {})
    for check in ENGINE_CHECKS:
        check(case)
