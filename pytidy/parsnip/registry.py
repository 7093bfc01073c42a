"""The engine table: the one piece of module-level mutable state (R: parsnip ``R/aaa_models.R``).

A model is declared once with :func:`register_model` (R: ``set_new_model``, ``set_model_mode``,
``set_model_arg``), and each engine with :func:`register_engine` (R: ``set_model_engine``,
``set_fit``, ``set_pred``, ``set_encoding``). Registration runs at import time, never lazily, so
a saved workflow loads in a fresh session (unlike mlverse/tabnet, R issues #92 and #128).
Third parties call the same two functions; see ``docs/extending.md``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from attrs import field, frozen

from ..errors import EngineNotFoundError, InvalidParameterError

__all__ = [
    "ModelInfo",
    "EngineInfo",
    "register_model",
    "register_engine",
    "get_model",
    "get_engine",
    "show_engines",
    "temporary_engine",
    "unregister_engine",
    "unregister_model",
    "temporary_model",
    "registered_engines",
    "load_engine_plugins",
    "ENTRY_POINT_GROUP",
]

ENTRY_POINT_GROUP = "pytidy.engines"

MODES = ("classification", "regression")
ENCODINGS = ("none", "traditional", "one_hot")


# Typed converters (the same as ``tuple`` / ``dict``), so type checkers see what the attrs fields accept.
def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _opt_str_tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _fn_dict(mapping: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    return dict(mapping)


def _str_dict(mapping: Mapping[str, str]) -> dict[str, str]:
    return dict(mapping)


def _any_dict(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return dict(mapping)


@frozen
class ModelInfo:
    """A model type, e.g. ``linear_reg``: its modes, main arguments and default engine.

    ``main_args`` fixes the order of the main arguments (R: the ``<model>_args`` table), which is
    the order of tuning parameters in ``Workflow.parameters()``.
    """

    name: str
    modes: tuple[str, ...] = field(converter=_str_tuple)
    main_args: tuple[str, ...] = field(converter=_str_tuple)
    default_engine: str
    label: str = ""


@frozen
class EngineInfo:
    """How one engine fits and predicts one model in one mode.

    Parameters
    ----------
    model, engine, mode : str
        The model name, the engine name and ``"classification"`` or ``"regression"``.
    fit : callable
        ``fit(x: DataFrame, y: Series, *, seed: int, **args) -> engine object``. ``args`` are the
        spec's main arguments that are set (translated through ``arg_map``) and its engine arguments.
    predict : mapping of str to callable
        Prediction type (``"class"``, ``"prob"``, ``"numeric"``, ``"conf_int"``, ``"pred_int"``,
        ``"raw"``) to ``fn(engine_object, x: DataFrame, **opts)``. ``"prob"`` returns an (n, k)
        array in level order; ``"class"`` labels (derived from ``"prob"`` when absent);
        ``"numeric"`` an (n,) array; ``"conf_int"``/``"pred_int"`` an (n, 2) array of bounds.
    arg_map : mapping of str to str
        parsnip argument name to the engine's own name (R: ``set_model_arg(parsnip=, original=)``).
    tunable : mapping of str to callable
        Main or engine argument name to the dials constructor used when it is ``tune()``.
    encoding : {"none", "traditional", "one_hot"}
        What a formula does to factor predictors (R: ``set_encoding(predictor_indicators=)``):
        ``"none"`` passes them through (TabNet embeds them), ``"traditional"`` makes treatment dummies.
    defaults : mapping
        Engine argument defaults, shown by ``translate()``.
    args : tuple of str, optional
        The model's main arguments this engine uses (R: the rows of ``set_model_arg`` for the
        engine). ``None`` means those ``fit`` accepts by name (all of them when it takes
        ``**kwargs``). Main arguments set on a spec but not used by the engine are dropped with a
        warning, as R's ``translate()`` does.
    case_weights : bool, default False
        Whether ``fit`` accepts ``case_weights=`` (a float array, one weight per row; R:
        ``set_fit(..., protect = "weights")`` and ``case_weights_allowed()``).
    importance : callable, optional
        ``importance(engine_object) -> mapping of predictor name to float``: the engine's native
        variable importance, used by ``vi()``; permutation importance is used when absent.
    allow_missing : bool, default False
        Whether the engine takes missing predictor values itself (xgboost, lightgbm, TabNet). When
        False, ``predict()`` gives the rows with a missing predictor a missing prediction in place
        and predicts the others (R's ``na.pass``), and ``fit()`` uses the complete rows.
    multi_predict : mapping of str to callable
        Submodels (R: ``multi_predict``): main argument name (e.g. ``"trees"``, ``"penalty"``,
        ``"epochs"``) to ``fn(engine_object, x, values, type, **opts) -> list`` with one prediction
        per value, each in the format of ``predict[type]``. Tuning uses it to fit once and score
        many values of that argument.
    multi_outcome : bool, default False
        Whether ``fit`` takes several outcomes (a DataFrame ``y``; R: a formula ``y1 + y2 ~ .``).
        The engine object must then have ``predict(new_data, type=)`` returning a DataFrame with
        hardhat's column names (``.pred_{outcome}``, ``.pred_class_{outcome}``, ...).
    """

    model: str
    engine: str
    mode: str
    fit: Callable[..., Any]
    predict: Mapping[str, Callable[..., Any]] = field(converter=_fn_dict)
    arg_map: Mapping[str, str] = field(factory=dict, converter=_str_dict)
    tunable: Mapping[str, Callable[..., Any]] = field(factory=dict, converter=_fn_dict)
    encoding: str = "none"
    defaults: Mapping[str, Any] = field(factory=dict, converter=_any_dict)
    args: tuple[str, ...] | None = field(default=None, converter=_opt_str_tuple)
    case_weights: bool = False
    importance: Callable[[Any], Mapping[str, float]] | None = None
    allow_missing: bool = False
    multi_predict: Mapping[str, Callable[..., Any]] = field(factory=dict, converter=_fn_dict)
    multi_outcome: bool = False

    def __attrs_post_init__(self) -> None:
        if self.mode not in MODES:
            raise InvalidParameterError(f"`mode` of EngineInfo must be one of {MODES}; got {self.mode!r}.")
        if self.encoding not in ENCODINGS:
            raise InvalidParameterError(
                f"`encoding` of EngineInfo must be one of {ENCODINGS}; got {self.encoding!r}."
            )
        if not self.predict:
            raise InvalidParameterError("EngineInfo needs at least one prediction type in `predict`.")


_MODELS: dict[str, ModelInfo] = {}
_ENGINES: dict[tuple[str, str, str], EngineInfo] = {}


def register_model(info: ModelInfo) -> ModelInfo:
    """Declare a model type (idempotent for an identical declaration; R: ``set_new_model``)."""
    old = _MODELS.get(info.name)
    if old is not None and old != info:
        raise InvalidParameterError(
            f"A different model {info.name!r} is already registered; choose another model name."
        )
    _MODELS[info.name] = info
    return info


def register_engine(info: EngineInfo) -> EngineInfo:
    """Register an engine for a model and mode; a later registration replaces an earlier one.

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.parsnip import EngineInfo, register_engine, temporary_engine
    >>> info = EngineInfo(model="linear_reg", engine="mean_only", mode="regression",
    ...                   fit=lambda x, y, *, seed: float(np.mean(y)),
    ...                   predict={"numeric": lambda m, x: np.full(len(x), m)})
    >>> with temporary_engine(info):
    ...     "mean_only" in show_engines("linear_reg")["engine"].tolist()
    True
    """
    if info.model not in _MODELS:
        raise InvalidParameterError(
            f"Model {info.model!r} is not registered; call register_model(ModelInfo({info.model!r}, ...)) "
            "first. Registered models: " + ", ".join(sorted(_MODELS)) + "."
        )
    if info.mode not in _MODELS[info.model].modes:
        raise InvalidParameterError(
            f"Model {info.model!r} has no mode {info.mode!r}; its modes are {_MODELS[info.model].modes}."
        )
    _ENGINES[(info.model, info.engine, info.mode)] = info
    return info


@contextlib.contextmanager
def temporary_engine(info: EngineInfo) -> Iterator[EngineInfo]:
    """Register ``info`` for the duration of a ``with`` block (for tests of third-party engines)."""
    key = (info.model, info.engine, info.mode)
    previous = _ENGINES.get(key)
    register_engine(info)
    try:
        yield info
    finally:
        if previous is None:
            _ENGINES.pop(key, None)
        else:
            _ENGINES[key] = previous


def unregister_engine(model: str, engine: str, mode: str | None = None) -> list[EngineInfo]:
    """Remove an engine from the table, in one mode or (``mode=None``) in all its modes.

    R has no counterpart (parsnip's environment only grows); this is for plugins and tests.

    Returns
    -------
    list of EngineInfo
        The registrations removed.

    Raises
    ------
    EngineNotFoundError
        Nothing matched ``model``, ``engine`` and ``mode``.

    Examples
    --------
    >>> import numpy as np
    >>> info = EngineInfo(model="linear_reg", engine="mean_only", mode="regression",
    ...                   fit=lambda x, y, *, seed: float(np.mean(y)),
    ...                   predict={"numeric": lambda m, x: np.full(len(x), m)})
    >>> _ = register_engine(info)
    >>> [i.engine for i in unregister_engine("linear_reg", "mean_only")]
    ['mean_only']
    >>> "mean_only" in show_engines("linear_reg")["engine"].tolist()
    False
    """
    if mode is not None and mode not in MODES:
        raise InvalidParameterError(f"`mode` in unregister_engine() must be None or one of {MODES}; got {mode!r}.")
    keys = [k for k in _ENGINES if k[0] == model and k[1] == engine and (mode is None or k[2] == mode)]
    if not keys:
        known = [f"{e} ({md})" for (m, e, md) in _ENGINES if m == model]
        where = "" if mode is None else f" in mode {mode!r}"
        raise EngineNotFoundError(
            f"unregister_engine(): no engine {engine!r} for {model}(){where} is registered. "
            f"Registered: {', '.join(known) or 'none'}."
        )
    return [_ENGINES.pop(k) for k in keys]


def unregister_model(name: str) -> ModelInfo:
    """Remove a model type and all its engines from the table (the inverse of :func:`register_model`).

    Raises
    ------
    InvalidParameterError
        ``name`` is not a registered model.

    Examples
    --------
    >>> _ = register_model(ModelInfo("my_model", modes=("regression",), main_args=("k",),
    ...                              default_engine="base"))
    >>> unregister_model("my_model").name
    'my_model'
    >>> "my_model" in registered_engines()["model"].tolist()
    False
    """
    info = get_model(name)
    for key in [k for k in _ENGINES if k[0] == name]:
        del _ENGINES[key]
    del _MODELS[name]
    return info


@contextlib.contextmanager
def temporary_model(info: ModelInfo, *engines: EngineInfo) -> Iterator[ModelInfo]:
    """Register a model (and optionally engines for it) for the duration of a ``with`` block.

    On exit the model and every engine registered for it inside the block are removed, and a
    model of the same name that was registered before is restored with its engines.

    Examples
    --------
    >>> import numpy as np
    >>> from pytidy.parsnip import new_model_spec
    >>> model = ModelInfo("mean_model", modes=("regression",), main_args=(), default_engine="numpy")
    >>> engine = EngineInfo(model="mean_model", engine="numpy", mode="regression",
    ...                     fit=lambda x, y, *, seed: float(np.mean(y)),
    ...                     predict={"numeric": lambda m, x: np.full(len(x), m)})
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1.0, 2.0], "y": [1.0, 3.0]})
    >>> with temporary_model(model, engine):
    ...     new_model_spec("mean_model", {}).fit("y ~ x", df).predict(df)[".pred"].tolist()
    [2.0, 2.0]
    >>> "mean_model" in registered_engines()["model"].tolist()
    False
    """
    old_model = _MODELS.get(info.name)
    old_engines = {k: v for k, v in _ENGINES.items() if k[0] == info.name}
    if old_model is not None:
        for key in old_engines:
            del _ENGINES[key]
        del _MODELS[info.name]
    register_model(info)
    try:
        for engine in engines:
            register_engine(engine)
        yield info
    finally:
        for key in [k for k in _ENGINES if k[0] == info.name]:
            del _ENGINES[key]
        _MODELS.pop(info.name, None)
        if old_model is not None:
            _MODELS[info.name] = old_model
            _ENGINES.update(old_engines)


def registered_engines():
    """Every registered (model, engine, mode) as a DataFrame, in registration order.

    Examples
    --------
    >>> tab = registered_engines()
    >>> tab.columns.tolist()
    ['model', 'engine', 'mode']
    >>> ("linear_reg", "lm", "regression") in set(tab.itertuples(index=False, name=None))
    True
    """
    import pandas as pd

    return pd.DataFrame(list(_ENGINES), columns=["model", "engine", "mode"])


def get_model(name: str) -> ModelInfo:
    """The :class:`ModelInfo` of a registered model."""
    try:
        return _MODELS[name]
    except KeyError:
        raise InvalidParameterError(
            f"Unknown model {name!r}. Registered models: {', '.join(sorted(_MODELS))}."
        ) from None


def engines_of(model: str) -> list[str]:
    """The engine names registered for ``model``, in registration order."""
    return list(dict.fromkeys(e for (m, e, _) in _ENGINES if m == model))


def get_engine(model: str, engine: str, mode: str) -> EngineInfo:
    """Look up an engine, or raise :class:`EngineNotFoundError` listing what is registered."""
    try:
        return _ENGINES[(model, engine, mode)]
    except KeyError:
        known = [f"{e} ({md})" for (m, e, md) in _ENGINES if m == model]
        raise EngineNotFoundError(
            f"No engine {engine!r} for {model}() in mode {mode!r}. Registered: "
            f"{', '.join(known) or 'none'}. A third-party engine must be imported (which registers it) "
            "before it is used."
        ) from None


def show_engines(model: str):
    """The engines of a model as a DataFrame with columns ``engine, mode`` (R: ``show_engines()``).

    Examples
    --------
    >>> show_engines("linear_reg")
        engine        mode
    0       lm  regression
    1   glmnet  regression
    2  sklearn  regression
    """
    import pandas as pd

    get_model(model)
    rows = [(e, md) for (m, e, md) in _ENGINES if m == model]
    return pd.DataFrame(rows, columns=["engine", "mode"])


def load_engine_plugins(group: str = ENTRY_POINT_GROUP) -> list[str]:
    """Load every installed entry point of ``group``, which registers the engines of its package.

    ``import pytidy`` calls this once. A package declares, in its ``pyproject.toml``::

        [project.entry-points."pytidy.engines"]
        my_engines = "my_package.pytidy_engines"

    The entry point is loaded (its module imported); if it names a callable, e.g.
    ``"my_package:register"``, that callable is then called with no arguments. Either way it
    registers its engines with :func:`register_engine`. A plugin that fails to load gives a
    :class:`~pytidy.errors.PytidyWarning` naming it and is skipped, so a broken plugin never
    stops ``import pytidy``. (R has no counterpart: parsnip extension packages register when
    attached with ``library()``.)

    Returns
    -------
    list of str
        The names of the entry points loaded without error.

    Examples
    --------
    >>> load_engine_plugins("pytidy.no_such_group")
    []
    """
    import importlib.metadata
    import types
    import warnings

    from ..errors import PytidyWarning

    loaded = []
    for ep in importlib.metadata.entry_points(group=group):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, types.ModuleType):
                obj()
        except Exception as exc:  # noqa: BLE001 - any failure of a third-party plugin becomes a warning
            warnings.warn(
                f"pytidy could not load the engine plugin {ep.name!r} ({ep.value}) of the {group!r} entry point "
                f"group: {type(exc).__name__}: {exc}. Its engines are not registered; fix or uninstall that "
                "package.",
                PytidyWarning,
                stacklevel=2,
            )
            continue
        loaded.append(ep.name)
    return loaded
