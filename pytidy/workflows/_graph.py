"""The object graph of model files: tagged JSON, binary members, and the allow-list of classes.

:class:`_Writer` turns an object into JSON plus members (``.npy`` arrays, safetensors tensors,
skops scikit-learn objects, xgboost/lightgbm native models); :class:`_Reader` rebuilds it without
unpickling: instances only of allow-listed classes, with ``cls.__new__`` plus their saved state.
Formula terms and step_mutate/step_filter strings are parsed and checked, never run. The
container around the graph (manifest, checksums, atomic writes) is in ``_serialize.py``; the
format is described in ``docs/model-files.md``.
"""

from __future__ import annotations

import ast
import base64
import collections
import copyreg
import datetime as _dt
import enum
import importlib
import importlib.util
import io
import json
import math
import platform
import re
import types
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ModelFileError, NotSerializableError

__all__ = ["register_serializable", "unregister_serializable", "serializable_classes"]

_TENSORS = "tensors.safetensors"
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

# Third-party classes whose instances are plain data, rebuilt with cls.__new__ + state. Fixed in
# code: a file can never extend this list.
_THIRD_PARTY_CLASSES = frozenset({
    # formulaic: the ModelSpec a formula fit keeps to encode new data the same way (FormulaBlueprint)
    "formulaic.model_spec:ModelSpec",
    "formulaic.formula:SimpleFormula",
    "formulaic.formula:StructuredFormula",
    "formulaic.formula:OrderingMethod",
    "formulaic.materializers.base:EncodedTermStructure",
    "formulaic.materializers.types.enums:ClusterBy",
    "formulaic.materializers.types.enums:NAAction",
    "formulaic.materializers.types.evaluated_factor:EvaluatedFactor",
    "formulaic.materializers.types.scoped_factor:ScopedFactor",
    "formulaic.materializers.types.scoped_term:ScopedTerm",
    "formulaic.parser.types.factor:Factor",
    "formulaic.parser.types.factor:Factor.EvalMethod",
    "formulaic.parser.types.factor:Factor.Kind",
    "formulaic.parser.types.term:Term",
    "formulaic.parser.types.token:Token",
    "formulaic.parser.types.token:Token.Kind",
    "formulaic.parser.types.ordered_set:OrderedSet",
    "formulaic.transforms.contrasts:ContrastsState",
    "formulaic.transforms.contrasts:TreatmentContrasts",
    "formulaic.transforms.contrasts:SumContrasts",
    "formulaic.transforms.contrasts:HelmertContrasts",
    "formulaic.transforms.contrasts:DiffContrasts",
    "formulaic.transforms.contrasts:PolyContrasts",
    "formulaic.utils.sentinels:Sentinel",
    "formulaic.utils.variables:Variable",
    "formulaic.utils.variables:Variable.Role",
    "formulaic.utils.structured:Structured",
    # xgboost / lightgbm scikit-learn wrappers: parameters + the booster (saved natively)
    "xgboost.sklearn:XGBModel",
    "xgboost.sklearn:XGBRegressor",
    "xgboost.sklearn:XGBClassifier",
    "xgboost.sklearn:XGBRanker",
    "xgboost.sklearn:XGBRFRegressor",
    "xgboost.sklearn:XGBRFClassifier",
    "lightgbm.sklearn:LGBMModel",
    "lightgbm.sklearn:LGBMRegressor",
    "lightgbm.sklearn:LGBMClassifier",
    "lightgbm.sklearn:LGBMRanker",
    "lightgbm.compat:_LGBMLabelEncoder",
    "sklearn.preprocessing._label:LabelEncoder",
})

# Extra types skops may load beside its own default list (scikit-learn estimators and internals,
# numpy and scipy basics). Fixed in code, never read from the file.
_SKOPS_TRUSTED: tuple[str, ...] = (
    "sklearn._loss.link.IdentityLink",
    "sklearn._loss.link.LogLink",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.loss.HalfSquaredError",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.loss.HalfPoissonLoss",
    "sklearn._loss.loss.AbsoluteError",
    "sklearn._loss._loss.CyHalfSquaredError",
    "sklearn._loss._loss.CyHalfBinomialLoss",
    "sklearn._loss._loss.CyHalfMultinomialLoss",
    "sklearn._loss._loss.CyHalfPoissonLoss",
    "sklearn._loss._loss.CyAbsoluteError",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.utils._bunch.Bunch",
    "numpy.random._mt19937.MT19937",
    "numpy.random.mtrand.RandomState",
    "numpy.random._generator.Generator",
    "numpy.random._pcg64.PCG64",
    "builtins.slice",
    "sklearn.tree._tree.Tree",
    "sklearn.neighbors._kd_tree.KDTree",
    "sklearn.neighbors._ball_tree.BallTree",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.model_selection._split.KFold",
    "sklearn.metrics._dist_metrics.EuclideanDistance64",
    "sklearn.metrics._dist_metrics.EuclideanDistance32",
    "sklearn.metrics._dist_metrics.ManhattanDistance64",
    "sklearn.metrics._dist_metrics.ManhattanDistance32",
    "sklearn.metrics._dist_metrics.ChebyshevDistance64",
    "sklearn.metrics._dist_metrics.ChebyshevDistance32",
    "sklearn.metrics._dist_metrics.MinkowskiDistance64",
    "sklearn.metrics._dist_metrics.MinkowskiDistance32",
    "sklearn.neural_network._stochastic_optimizers.AdamOptimizer",
    "sklearn.neural_network._stochastic_optimizers.SGDOptimizer",
)

# default_factory values a collections.defaultdict may have in a model file.
_DEFAULT_FACTORIES: dict[str, Any] = {"None": None, "list": list, "dict": dict, "int": int, "float": float,
                                      "set": set, "OrderedDict": collections.OrderedDict}

# pytidy's own default functions, stored by name: the defaults of step arguments that R sets to a
# function (step_ratio's ``naming``, step_num2factor's ``transform``) and the mask functions pytidy's
# TabNet layers hold (``AttentiveTransformer.selector``), and torch's activation functions. Any other
# function is refused.
_FUNCTIONS = frozenset({
    "pytidy.recipes.steps.ratio:ratio_name",
    "pytidy.recipes.steps.num2factor:identity",
    "pytidy.engines.tabnet.model:sparsemax",
    "pytidy.engines.tabnet.model:entmax15",
    # torch's elementwise activations, which a torch network may keep as attributes
    *(f"torch.nn.functional:{name}" for name in (
        "relu", "relu6", "elu", "selu", "celu", "gelu", "silu", "mish", "softplus", "softsign", "leaky_relu",
        "hardtanh", "hardswish", "hardsigmoid", "logsigmoid", "tanh", "sigmoid", "softmax", "log_softmax", "glu")),
    *(f"torch:{name}" for name in ("relu", "tanh", "sigmoid", "softmax", "log_softmax", "exp", "log")),
})


def _function_name(fn: Any) -> str | None:
    """The ``module:name`` under which ``fn`` is on :data:`_FUNCTIONS`, if it is (compared by identity)."""
    import sys

    for name in _FUNCTIONS:
        module, attr = name.split(":")
        loaded = sys.modules.get(module)
        if loaded is not None and getattr(loaded, attr, None) is fn:
            return name
    return None


# pytidy singletons, rebuilt by calling their class with no arguments (which returns the one instance).
_SINGLETONS = frozenset({"pytidy.dials.parameter:Unknown"})

# numpy bit generators a Generator / RandomState in a model file may use (built by name, then seeded
# with the saved state).
_BIT_GENERATORS = frozenset({"PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"})

# pandas extension dtypes a file may name (each built by pandas from its name; no code runs).
_CASE_WEIGHTS = ("importance_weights", "frequency_weights")  # pytidy.case_weights' dtypes
_EXT_DTYPES = re.compile(r"^(U?Int(8|16|32|64)|Float(32|64)|boolean|[a-z0-9_]+\[pyarrow\])$")

_REGISTERED: dict[str, type] = {}

# pickle's plain reconstructors: cls.__new__(cls, *args) and cls.__new__(cls, *args, **kwargs)
_NEWOBJ = getattr(copyreg, "__newobj__")
_NEWOBJ_EX = getattr(copyreg, "__newobj_ex__")


# ---------------------------------------------------------------------------------------------
# the allow-list


def _class_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def register_serializable(cls: type) -> type:
    """Allow instances of ``cls`` in model files (for classes outside pytidy, e.g. a third-party
    engine's fitted object or a third-party step).

    An instance is saved as its pickle state (``__getstate__``, or ``__dict__``/``__slots__``)
    and rebuilt on load with ``cls.__new__(cls)`` plus that state (``__setstate__`` if the class
    defines one); its ``__init__`` is not called. Every value inside the state must itself be
    storable: functions and unregistered classes are refused when saving. Usable as a decorator.

    Parameters
    ----------
    cls : type
        A class importable by its module and qualified name (not defined inside a function).

    Returns
    -------
    type
        ``cls`` itself.

    Raises
    ------
    InvalidParameterError
        If ``cls`` is not a class or cannot be found again by name.

    Examples
    --------
    >>> class MedianFit:
    ...     def __init__(self, value):
    ...         self.value = value
    >>> MedianFit.__module__ = "pytidy_example"; MedianFit.__qualname__ = "MedianFit"
    >>> register_serializable(MedianFit) is MedianFit
    True
    >>> unregister_serializable(MedianFit)
    """
    from ..errors import InvalidParameterError

    if not isinstance(cls, type):
        raise InvalidParameterError(
            f"register_serializable() takes a class; got {type(cls).__name__}. Functions can never be "
            "stored in a model file: store the data they need instead."
        )
    if "<locals>" in cls.__qualname__:
        raise InvalidParameterError(
            f"register_serializable(): {cls.__qualname__} is defined inside a function, so a model file "
            "could not name it; define it at module level."
        )
    _REGISTERED[_class_name(cls)] = cls
    return cls


def unregister_serializable(cls: type) -> None:
    """Remove ``cls`` from the classes registered with :func:`register_serializable`.

    Examples
    --------
    >>> class Thing: ...
    >>> unregister_serializable(register_serializable(Thing))
    >>> Thing in serializable_classes()
    False
    """
    _REGISTERED.pop(_class_name(cls), None)


def serializable_classes() -> tuple[type, ...]:
    """Classes registered with :func:`register_serializable` (pytidy's own are always allowed).

    Examples
    --------
    >>> isinstance(serializable_classes(), tuple)
    True
    """
    return tuple(_REGISTERED.values())


def _is_pytidy_module(module: str) -> bool:
    return module == "pytidy" or module.startswith("pytidy.")


def _is_torch_nn(cls: type) -> bool:
    if not cls.__module__.startswith("torch.nn.modules."):
        return False
    import torch

    return issubclass(cls, torch.nn.Module)


def _allowed(cls: type) -> bool:
    if "<locals>" in cls.__qualname__:
        return False
    name = _class_name(cls)
    if _REGISTERED.get(name) is cls:
        return True
    if name in _THIRD_PARTY_CLASSES:
        return True
    return _is_pytidy_module(cls.__module__) or _is_torch_nn(cls)


def _resolve_class(name: Any, where: str) -> type:
    """The class a file names, if it is on the allow-list; never imports outside pytidy's own list."""
    if not isinstance(name, str) or name.count(":") != 1:
        raise ModelFileError(f"{where}: a class is named by {name!r}; expected 'module:QualName'.")
    if name in _REGISTERED:
        return _REGISTERED[name]
    module, qualname = name.split(":")
    parts = qualname.split(".")
    if not _MODULE.match(module) or any(m.startswith("__") for m in module.split(".")) \
            or not all(_IDENT.match(p) and not p.startswith("__") for p in parts):
        raise ModelFileError(f"{where}: {name!r} is not a valid class name.")
    if name in _THIRD_PARTY_CLASSES:
        pass
    elif _is_pytidy_module(module):
        spec = importlib.util.find_spec(module.split(".")[0])
        if spec is None:  # pragma: no cover - pytidy is importable, we are in it
            raise ModelFileError(f"{where}: cannot find module {module!r}.")
    elif module.startswith("torch.nn.modules."):
        pass
    else:
        raise ModelFileError(
            f"{where}: the file asks for the class {name!r}, which is not on pytidy's allow-list of classes "
            "a model file may hold. If it comes from a third-party package you trust, import that package "
            "(it should call pytidy.register_serializable) and load again."
        )
    try:
        obj: Any = importlib.import_module(module)
        for part in parts:
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as err:
        raise ModelFileError(f"{where}: the class {name!r} does not exist in this installation ({err}).") from err
    if not isinstance(obj, type) or _class_name(obj) != name or not _allowed(obj):
        raise ModelFileError(f"{where}: {name!r} does not name an allowed class.")
    return obj


# ---------------------------------------------------------------------------------------------
# writing


class _Writer:
    """Turns an object into a tagged JSON graph plus binary members."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}
        self.tensors: dict[str, Any] = {}
        self._ids: dict[int, int] = {}
        self._keep: list[Any] = []     # keep encoded objects alive so their id() stays unique
        self._active: set[int] = set()
        self._steps: list[str] = []    # the recipe steps being encoded, named in error messages
        self._counter = 0
        self.libraries: set[str] = set()

    # -- helpers
    def _member(self, folder: str, ext: str, data: bytes) -> str:
        self._counter += 1
        name = f"{folder}/{self._counter:06d}.{ext}"
        self.members[name] = data
        return name

    def _memo(self, obj: Any) -> tuple[int, dict[str, Any] | None]:
        key = id(obj)
        if key in self._ids:
            if key in self._active:
                raise NotSerializableError(
                    f"Cannot save: a {type(obj).__qualname__} refers to itself through its own constructor "
                    "arguments, which a model file cannot rebuild.")
            return self._ids[key], {"$": "ref", "id": self._ids[key]}
        self._counter += 1
        self._ids[key] = self._counter
        self._keep.append(obj)
        return self._counter, None

    def refuse(self, obj: Any, path: str, why: str) -> NotSerializableError:
        inside = f" (inside {self._steps[-1]})" if self._steps else ""
        return NotSerializableError(
            f"Cannot save {path}{inside}: {why}. Model files hold data only and never code, so nothing was "
            "written (the previous file, if any, is unchanged)."
        )

    # -- the encoder
    def encode(self, obj: Any, path: str) -> Any:
        t = type(obj)
        if obj is None or t is bool or t is str:
            return obj
        if t is int:
            return obj
        if t is float:
            if math.isfinite(obj):
                return obj
            return {"$": "float", "value": "nan" if math.isnan(obj) else ("inf" if obj > 0 else "-inf")}
        if t is complex:
            return {"$": "complex", "value": [self.encode(obj.real, path), self.encode(obj.imag, path)]}
        if t is bytes:
            return {"$": "bytes", "value": base64.b64encode(obj).decode("ascii")}
        if t in (list, tuple, set, frozenset, dict, collections.OrderedDict):
            return self._container(obj, path)
        if t is collections.defaultdict:
            factory = next((k for k, v in _DEFAULT_FACTORIES.items() if v is obj.default_factory), None)
            if factory is None:
                raise self.refuse(obj, path, f"it is a defaultdict whose default_factory {obj.default_factory!r} is "
                                  "not one of " + ", ".join(_DEFAULT_FACTORIES))
            return {"$": "defaultdict", "factory": factory, "dict": self._container(dict(obj), path)}
        if t is slice:
            return {"$": "slice", "value": [self.encode(v, path) for v in (obj.start, obj.stop, obj.step)]}
        if t is range:
            return {"$": "range", "value": [obj.start, obj.stop, obj.step]}
        if callable(obj) and isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
            allowed_name = _function_name(obj)
            if allowed_name is not None:
                return {"$": "function", "name": allowed_name}
        if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                            types.BuiltinMethodType, types.ModuleType, types.MethodWrapperType,
                            types.MethodDescriptorType, types.WrapperDescriptorType)):
            what = "a module" if isinstance(obj, types.ModuleType) else "a function"
            name = getattr(obj, "__qualname__", getattr(obj, "__name__", repr(obj)))
            raise self.refuse(obj, path, f"it is {what} ({name}); a function cannot be stored as data. "
                              "Use a value or, in step_mutate()/step_filter(), a string expression instead")
        if isinstance(obj, type):
            return self._type(obj, path)
        if isinstance(obj, enum.Enum):
            if not _allowed(t):
                raise self.refuse(obj, path, f"the enum class {_class_name(t)} is not on the allow-list "
                                  "(register it with pytidy.register_serializable)")
            return {"$": "enum", "class": _class_name(t), "name": obj.name}
        if isinstance(obj, (np.ndarray, np.generic, np.dtype)):
            if isinstance(obj, np.ndarray) and t is not np.ndarray:
                raise self.refuse(obj, path, f"it is a {t.__module__}.{t.__qualname__}, a numpy array subclass whose "
                                  "extra state (a mask, a matrix shape) a model file would lose; use a plain array")
            return self._numpy(obj, path)
        if isinstance(obj, (pd.DataFrame, pd.Series, pd.Index, pd.Categorical, pd.api.extensions.ExtensionDtype,
                            pd.Timestamp, pd.Timedelta, pd.Interval, pd.Period)) or obj is pd.NA or obj is pd.NaT:
            return self._pandas(obj, path)
        if t in (_dt.datetime, _dt.date, _dt.time):
            return {"$": "pydatetime", "kind": t.__name__, "value": obj.isoformat()}
        if t is _dt.timedelta:
            return {"$": "pytimedelta", "value": [obj.days, obj.seconds, obj.microseconds]}
        if t in (np.random.Generator, np.random.RandomState):
            return self._rng(obj, path)
        module = t.__module__ or ""
        if module.startswith("scipy.sparse"):
            return self._sparse(obj, path)
        if module.startswith("torch"):
            out = self._torch(obj, path)
            if out is not None:
                return out
        if module.startswith("xgboost") and t.__name__ == "Booster":
            return self._booster(obj, path, "xgboost")
        if module.startswith("lightgbm") and t.__name__ == "Booster":
            return self._booster(obj, path, "lightgbm")
        if module.startswith("sklearn.") and _class_name(t) not in _THIRD_PARTY_CLASSES:
            return self._skops(obj, path)
        if module == "pytidy.parsnip.registry" and t.__name__ == "EngineInfo":
            return {"$": "engine_info", "value": [obj.model, obj.engine, obj.mode]}
        if callable(obj) and not _allowed(t):
            raise self.refuse(obj, path, f"it is a callable {t.__module__}.{t.__qualname__} object; "
                              "a callable cannot be stored as data")
        return self._object(obj, path)

    def _container(self, obj: Any, path: str) -> Any:
        key = id(obj)
        if key in self._active:
            raise self.refuse(obj, path, "it contains itself (a reference cycle through a container)")
        self._active.add(key)
        try:
            t = type(obj)
            if t is list:
                return [self.encode(v, f"{path}[{i}]") for i, v in enumerate(obj)]
            if t is tuple:
                return {"$": "tuple", "items": [self.encode(v, f"{path}[{i}]") for i, v in enumerate(obj)]}
            if t in (set, frozenset):
                items = list(obj)
                try:
                    items = sorted(items)
                except TypeError:
                    pass
                return {"$": t.__name__, "items": [self.encode(v, f"{path}{{{v!r}}}") for v in items]}
            pairs = [[self.encode(k, f"{path} key {k!r}"), self.encode(v, f"{path}[{k!r}]")] for k, v in obj.items()]
            return {"$": "odict" if t is collections.OrderedDict else "dict", "items": pairs}
        finally:
            self._active.discard(key)

    def _type(self, cls: type, path: str) -> Any:
        builtin = {bool: "bool", int: "int", float: "float", str: "str", complex: "complex", bytes: "bytes",
                   object: "object", type(None): "NoneType"}
        if cls in builtin:
            return {"$": "type", "builtin": builtin[cls]}
        if issubclass(cls, np.generic) and cls.__module__ == "numpy":
            return {"$": "type", "numpy": np.dtype(cls).str if cls is not np.object_ else "O"}
        if _allowed(cls):
            return {"$": "type", "class": _class_name(cls)}
        raise self.refuse(cls, path, f"it is the class {_class_name(cls)}, which is not on the allow-list")

    # -- numpy
    def _array(self, arr: np.ndarray, path: str) -> Any:
        if arr.dtype.hasobject:
            if arr.dtype != object:
                raise self.refuse(arr, path, f"it is an array of structured dtype {arr.dtype} holding Python objects")
            items = [self.encode(v, f"{path}[{i}]") for i, v in enumerate(arr.ravel().tolist())]
            return {"$": "objarray", "shape": list(arr.shape), "items": items}
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(arr) if arr.ndim else arr, allow_pickle=False)
        return {"$": "ndarray", "member": self._member("arrays", "npy", buf.getvalue())}

    def _numpy(self, obj: Any, path: str) -> Any:
        if isinstance(obj, np.dtype):
            if obj.hasobject and obj != object:
                raise self.refuse(obj, path, f"structured dtype {obj} holds Python objects")
            return {"$": "dtype", "value": obj.str if obj.names is None else [list(d) for d in obj.descr]}
        if isinstance(obj, np.generic):
            if obj.dtype.hasobject:
                return self.encode(obj.item(), path)
            return {"$": "npscalar", "dtype": obj.dtype.str, "hex": obj.tobytes().hex()}
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        node = self._array(obj, path)
        node["id"] = ident
        return node

    # -- pandas
    def _values(self, values: Any, path: str) -> Any:
        """The values of a Series or Index, keeping their dtype exactly."""
        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            cat = pd.Categorical(values)
            return {"$": "categorical", "codes": self._array(np.asarray(cat.codes), path + ".codes"),
                    "categories": self._pandas(cat.categories, path + ".categories"), "ordered": bool(cat.ordered)}
        if isinstance(dtype, np.dtype):
            return self._array(np.asarray(values), path)
        if isinstance(dtype, pd.DatetimeTZDtype):
            idx = pd.DatetimeIndex(values)
            return {"$": "datetimetz", "tz": str(dtype.tz), "unit": dtype.unit,
                    "utc": self._array(idx.tz_convert("UTC").tz_localize(None).to_numpy(), path)}
        if str(dtype) in _CASE_WEIGHTS:  # hardhat's importance/frequency weights: float64 values
            return {"$": "caseweights", "dtype": str(dtype),
                    "values": self._array(np.asarray(values, dtype=np.float64), path)}
        if isinstance(dtype, pd.StringDtype):
            na = "nan" if dtype.na_value is not pd.NA else "NA"
            items = [None if pd.isna(v) else str(v) for v in values]
            return {"$": "strarray", "storage": dtype.storage, "na": na, "items": items}
        name = str(dtype)
        if not _EXT_DTYPES.match(name):
            raise self.refuse(values, path, f"its pandas dtype {name!r} is not supported by model files "
                              "(convert the column to a numpy, categorical, string or nullable dtype)")
        items = [None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v
                 for v in values.tolist()]
        return {"$": "extarray", "dtype": name,
                "items": [self.encode(_plain(v), f"{path}[{i}]") for i, v in enumerate(items)]}

    def _pandas(self, obj: Any, path: str) -> Any:
        if obj is pd.NA:
            return {"$": "NA"}
        if obj is pd.NaT:
            return {"$": "NaT"}
        if isinstance(obj, pd.Timestamp):
            tz = None if obj.tz is None else str(obj.tz)
            naive = obj if tz is None else obj.tz_convert("UTC").tz_localize(None)
            return {"$": "timestamp", "value": naive.isoformat(), "tz": tz, "unit": obj.unit}
        if isinstance(obj, pd.Timedelta):
            return {"$": "timedelta", "value": int(obj.value)}
        if isinstance(obj, pd.Interval):
            return {"$": "interval", "left": self.encode(obj.left, path), "right": self.encode(obj.right, path),
                    "closed": obj.closed}
        if isinstance(obj, pd.Period):
            return {"$": "period", "value": str(obj), "freq": obj.freqstr}
        if isinstance(obj, pd.api.extensions.ExtensionDtype):
            if isinstance(obj, pd.CategoricalDtype):
                cats = None if obj.categories is None else self._pandas(obj.categories, path + ".categories")
                return {"$": "catdtype", "categories": cats, "ordered": bool(obj.ordered)}
            if isinstance(obj, pd.StringDtype):
                return {"$": "strdtype", "storage": obj.storage, "na": "NA" if obj.na_value is pd.NA else "nan"}
            if isinstance(obj, pd.DatetimeTZDtype):
                return {"$": "tzdtype", "unit": obj.unit, "tz": str(obj.tz)}
            if _EXT_DTYPES.match(str(obj)) or str(obj) in _CASE_WEIGHTS:
                return {"$": "extdtype", "value": str(obj)}
            raise self.refuse(obj, path, f"the pandas dtype {obj} is not supported by model files")
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        if isinstance(obj, pd.Categorical):
            node = self._values(obj, path)
            node["id"] = ident
            return node
        if isinstance(obj, pd.MultiIndex):
            node = {"$": "multiindex", "levels": [self._pandas(lv, f"{path}.levels[{i}]") for i, lv in enumerate(obj.levels)],
                    "codes": [self._array(np.asarray(c), f"{path}.codes") for c in obj.codes],
                    "names": self.encode(list(obj.names), path + ".names")}
        elif isinstance(obj, pd.RangeIndex):
            node = {"$": "rangeindex", "range": [obj.start, obj.stop, obj.step], "name": self.encode(obj.name, path)}
        elif isinstance(obj, pd.Index):
            node = {"$": "index", "values": self._values(obj, path), "name": self.encode(obj.name, path + ".name")}
        elif isinstance(obj, pd.Series):
            node = {"$": "series", "values": self._values(obj, f"{path}"), "index": self._pandas(obj.index, path + ".index"),
                    "name": self.encode(obj.name, path + ".name")}
        else:
            cols = [self._values(obj.iloc[:, i], f"{path}[{c!r}]") for i, c in enumerate(obj.columns)]
            node = {"$": "dataframe", "columns": self._pandas(obj.columns, path + ".columns"),
                    "index": self._pandas(obj.index, path + ".index"), "data": cols}
        node["id"] = ident
        return node

    # -- torch
    def _torch(self, obj: Any, path: str) -> Any:
        import torch

        if isinstance(obj, torch.dtype):
            return {"$": "torch_dtype", "value": str(obj).removeprefix("torch.")}
        if isinstance(obj, torch.device):
            return {"$": "torch_device", "value": str(obj)}
        if isinstance(obj, torch.Size):
            return {"$": "torch_size", "items": [int(v) for v in obj]}
        if isinstance(obj, torch.Generator):
            if obj.device.type != "cpu":
                raise self.refuse(obj, path, f"a torch.Generator on {obj.device} cannot be stored (CPU generators only)")
            return {"$": "torch_generator", "state": self.encode(obj.get_state(), path + ".state")}
        if isinstance(obj, torch.Tensor):
            ident, ref = self._memo(obj)
            if ref is not None:
                return ref
            if obj.layout != torch.strided or obj.is_quantized:
                raise self.refuse(obj, path, f"a {obj.layout} tensor cannot be stored (dense tensors only)")
            key = f"t{ident}"
            self.tensors[key] = obj.detach().to("cpu").contiguous().clone()
            self.libraries.add("torch")
            return {"$": "tensor", "key": key, "id": ident, "requires_grad": bool(obj.requires_grad),
                    "parameter": isinstance(obj, torch.nn.Parameter)}
        return None

    # -- numpy random generators and scipy sparse matrices
    def _rng(self, obj: Any, path: str) -> Any:
        if isinstance(obj, np.random.Generator):
            bit, state = type(obj.bit_generator).__name__, obj.bit_generator.state
        else:
            state = obj.get_state(legacy=False)
            bit = state["bit_generator"]
        if bit not in _BIT_GENERATORS:
            raise self.refuse(obj, path, f"its bit generator {bit} is not one of {sorted(_BIT_GENERATORS)}")
        return {"$": "np_random", "kind": type(obj).__name__, "bit_generator": bit,
                "state": self.encode(state, path + ".state")}

    def _sparse(self, obj: Any, path: str) -> Any:
        import scipy.sparse as sp

        if not sp.issparse(obj) or obj.format not in ("csr", "csc", "coo"):
            raise self.refuse(obj, path, f"the scipy object {type(obj).__name__} is not a csr, csc or coo sparse matrix")
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        parts = ({"row": obj.row, "col": obj.col} if obj.format == "coo"
                 else {"indices": obj.indices, "indptr": obj.indptr})
        return {"$": "sparse", "id": ident, "format": obj.format, "array": isinstance(obj, sp.sparray),
                "shape": [int(v) for v in obj.shape], "data": self._array(np.asarray(obj.data), path + ".data"),
                **{k: self._array(np.asarray(v), f"{path}.{k}") for k, v in parts.items()}}

    # -- native formats
    def _booster(self, obj: Any, path: str, lib: str) -> Any:
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        self.libraries.add(lib)
        if lib == "xgboost":
            name = self._member("xgboost", "json", bytes(obj.save_raw(raw_format="json")))
        else:
            name = self._member("lightgbm", "txt", obj.model_to_string(num_iteration=-1).encode("utf-8"))
        return {"$": f"{lib}_booster", "member": name, "id": ident}

    def _skops(self, obj: Any, path: str) -> Any:
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        try:
            import skops.io as sio
        except ImportError as err:  # pragma: no cover - skops is a core dependency
            raise self.refuse(obj, path, "saving a scikit-learn object needs skops (pip install skops)") from err
        try:
            data = sio.dumps(obj)
        except Exception as err:  # noqa: BLE001 - skops refuses what it cannot store as data
            raise self.refuse(obj, path, f"skops cannot store this {type(obj).__name__} ({type(err).__name__}: {err})") from err
        untrusted = sorted(set(sio.get_untrusted_types(data=data)) - set(_SKOPS_TRUSTED))
        if untrusted:
            raise self.refuse(obj, path, f"the scikit-learn object {type(obj).__name__} contains types that are not "
                              f"on pytidy's trusted list for skops: {untrusted}")
        self.libraries.add("sklearn")
        return {"$": "skops", "member": self._member("skops", "skops", data), "id": ident}

    # -- allow-listed classes
    def _object(self, obj: Any, path: str) -> Any:
        t = type(obj)
        if not _allowed(t):
            local = " (it is defined inside a function)" if "<locals>" in t.__qualname__ else ""
            raise self.refuse(obj, path, f"its class {t.__module__}.{t.__qualname__}{local} is not on the allow-list of "
                              "classes a model file may hold. If it is plain data, call "
                              "pytidy.register_serializable() on the class")
        ident, ref = self._memo(obj)
        if ref is not None:
            return ref
        name = getattr(t, "name", None)
        label = f" (inside {name}() with id {getattr(obj, 'id', None)!r})" if isinstance(name, str) and \
            name.startswith("step_") and _is_pytidy_module(t.__module__) else ""
        _check_expressions(obj, f"Cannot save {path}{label}", NotSerializableError)
        try:
            rv = obj.__reduce_ex__(4)
        except Exception as err:  # noqa: BLE001 - an object that refuses pickling refuses this format too
            raise self.refuse(obj, path, f"{t.__qualname__} cannot be reduced to data ({type(err).__name__}: {err})") from err
        if _class_name(t) in _SINGLETONS and isinstance(rv, tuple) and rv[0] is t and rv[1] == () and len(rv) == 2:
            # a singleton such as dials' unknown(): rebuilt by calling its class with no arguments
            return {"$": "obj", "class": _class_name(t), "id": ident, "singleton": True}
        if not isinstance(rv, tuple) or rv[0] not in (_NEWOBJ, _NEWOBJ_EX) or rv[1][0] is not t:
            raise self.refuse(obj, path, f"{t.__qualname__} defines a custom __reduce__ (it would be rebuilt by calling "
                              "a function); give it __getstate__/__setstate__ instead")
        node: dict[str, Any] = {"$": "obj", "class": _class_name(t), "id": ident}
        self._active.add(id(obj))
        try:
            if rv[0] is _NEWOBJ:
                args, kwargs = rv[1][1:], {}
            else:
                args, kwargs = rv[1][1], rv[1][2]
            if args:
                node["args"] = [self.encode(a, f"{path}.__new__[{i}]") for i, a in enumerate(args)]
            if kwargs:
                node["kwargs"] = self.encode(dict(kwargs), f"{path}.__new__")
        finally:
            self._active.discard(id(obj))
        state = rv[2] if len(rv) > 2 else None
        step = getattr(t, "name", None)
        is_step = _is_pytidy_module(t.__module__) and isinstance(step, str) and step.startswith("step_")
        if is_step:
            self._steps.append(f"{step}() with id {getattr(obj, 'id', None)!r}")
        try:
            if state is not None:
                node["state"] = self._state(state, path)
        finally:
            if is_step:
                self._steps.pop()
        listitems = list(rv[3]) if len(rv) > 3 and rv[3] is not None else []
        dictitems = list(rv[4]) if len(rv) > 4 and rv[4] is not None else []
        if listitems:
            node["listitems"] = [self.encode(v, f"{path}[{i}]") for i, v in enumerate(listitems)]
        if dictitems:
            node["dictitems"] = [[self.encode(k, path), self.encode(v, f"{path}[{k!r}]")] for k, v in dictitems]
        return node

    def _state(self, state: Any, path: str) -> Any:
        if type(state) is dict:
            return {"$": "dict", "items": [[k, self.encode(v, f"{path}.{k}")] for k, v in state.items()]}
        if type(state) is tuple and len(state) == 2 and (state[0] is None or type(state[0]) is dict) \
                and type(state[1]) is dict:
            return {"$": "tuple", "items": [self._state(s, path) if s is not None else None for s in state]}
        return self.encode(state, path + ".__getstate__()")


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


# ---------------------------------------------------------------------------------------------
# reading


class _Reader:
    """Rebuilds an object from the tagged graph; runs no code from the file."""

    def __init__(self, members: dict[str, bytes]) -> None:
        self.members = members
        self._objects: dict[int, Any] = {}
        self._tensors: dict[str, Any] | None = None
        self.checked: list[tuple[Any, str]] = []   # objects whose expressions are checked after decoding

    def _err(self, path: str, why: str) -> ModelFileError:
        return ModelFileError(f"The model file is malformed at {path}: {why}.")

    def _register(self, node: dict[str, Any], obj: Any, path: str) -> Any:
        ident = node.get("id")
        if ident is None:
            return obj
        if type(ident) is not int or ident in self._objects:
            raise self._err(path, f"bad or duplicated object id {ident!r}")
        self._objects[ident] = obj
        return obj

    def _member(self, node: dict[str, Any], path: str) -> bytes:
        name = node.get("member")
        if not isinstance(name, str) or name not in self.members:
            raise self._err(path, f"it refers to a member {name!r} that the file does not have")
        return self.members[name]

    def decode(self, node: Any, path: str) -> Any:
        t = type(node)
        if node is None or t in (bool, int, float, str):
            return node
        if t is list:
            return [self.decode(v, f"{path}[{i}]") for i, v in enumerate(node)]
        if t is not dict or not isinstance(node.get("$"), str):
            raise self._err(path, f"unexpected JSON value of type {t.__name__}")
        tag = node["$"]
        fn = _DECODERS.get(tag)
        if fn is None:
            raise self._err(path, f"unknown tag {tag!r}")
        return fn(self, node, path)

    # -- tags
    def d_ref(self, node: dict, path: str) -> Any:
        ident = node.get("id")
        if type(ident) is not int or ident not in self._objects:
            raise self._err(path, f"reference to an unknown object id {ident!r}")
        return self._objects[ident]

    def d_float(self, node: dict, path: str) -> float:
        value = node.get("value")
        if value not in ("nan", "inf", "-inf"):
            raise self._err(path, f"bad float {value!r}")
        return float(value)

    def d_complex(self, node: dict, path: str) -> complex:
        re_, im = (self.decode(v, path) for v in node["value"])
        return complex(float(re_), float(im))

    def d_bytes(self, node: dict, path: str) -> bytes:
        return base64.b64decode(node["value"], validate=True)

    def d_items(self, node: dict, path: str) -> list[Any]:
        items = node.get("items")
        if type(items) is not list:
            raise self._err(path, "expected a list of items")
        return items

    def d_tuple(self, node: dict, path: str) -> tuple:
        return tuple(self.decode(v, f"{path}[{i}]") for i, v in enumerate(self.d_items(node, path)))

    def d_set(self, node: dict, path: str) -> set:
        return {self.decode(v, path) for v in self.d_items(node, path)}

    def d_frozenset(self, node: dict, path: str) -> frozenset:
        return frozenset(self.d_set(node, path))

    def d_dict(self, node: dict, path: str) -> dict:
        out = {} if node["$"] == "dict" else collections.OrderedDict()
        for pair in self.d_items(node, path):
            if type(pair) is not list or len(pair) != 2:
                raise self._err(path, "a dict item must be a [key, value] pair")
            key = self.decode(pair[0], path)
            out[key] = self.decode(pair[1], f"{path}[{key!r}]")
        return out

    def d_defaultdict(self, node: dict, path: str) -> collections.defaultdict:
        factory = node.get("factory")
        if factory not in _DEFAULT_FACTORIES:
            raise self._err(path, f"bad defaultdict factory {factory!r}")
        items = self.decode(node.get("dict"), path)
        if type(items) is not dict:
            raise self._err(path, "a defaultdict needs a dict")
        return collections.defaultdict(_DEFAULT_FACTORIES[factory], items)

    def d_slice(self, node: dict, path: str) -> slice:
        return slice(*(self.decode(v, path) for v in node["value"]))

    def d_range(self, node: dict, path: str) -> range:
        start, stop, step = node["value"]
        if not all(type(v) is int for v in (start, stop, step)):
            raise self._err(path, "a range needs three integers")
        return range(start, stop, step)

    def d_type(self, node: dict, path: str) -> type:
        if "builtin" in node:
            table = {"bool": bool, "int": int, "float": float, "str": str, "complex": complex, "bytes": bytes,
                     "object": object, "NoneType": type(None)}
            if node["builtin"] not in table:
                raise self._err(path, f"unknown builtin type {node['builtin']!r}")
            return table[node["builtin"]]
        if "numpy" in node:
            return _safe_dtype(node["numpy"], path).type
        return _resolve_class(node.get("class"), path)

    def d_function(self, node: dict, path: str) -> Any:
        name = node.get("name")
        if name not in _FUNCTIONS:
            raise self._err(path, f"the function {name!r} is not one of pytidy's default functions a model file "
                            "may name (model files never hold code)")
        module, attr = name.split(":")
        fn = getattr(importlib.import_module(module), attr)
        if not isinstance(fn, (types.FunctionType, types.BuiltinFunctionType)):
            raise self._err(path, f"{name!r} is not a function")
        return fn

    def d_enum(self, node: dict, path: str) -> Any:
        cls = _resolve_class(node.get("class"), path)
        if not issubclass(cls, enum.Enum):
            raise self._err(path, f"{node.get('class')!r} is not an enum")
        name = node.get("name")
        if not isinstance(name, str) or name not in cls.__members__:
            raise self._err(path, f"{cls.__qualname__} has no member {name!r}")
        return cls.__members__[name]

    def d_engine_info(self, node: dict, path: str) -> Any:
        from ..parsnip.registry import get_engine

        model, engine, mode = node["value"]
        return get_engine(str(model), str(engine), str(mode))

    # numpy
    def d_pydatetime(self, node: dict, path: str) -> Any:
        kinds: dict[str, type[_dt.date] | type[_dt.time]] = {"datetime": _dt.datetime, "date": _dt.date,
                                                             "time": _dt.time}
        if node.get("kind") not in kinds:
            raise self._err(path, f"bad date kind {node.get('kind')!r}")
        return kinds[node["kind"]].fromisoformat(str(node["value"]))

    def d_pytimedelta(self, node: dict, path: str) -> _dt.timedelta:
        days, seconds, micro = node["value"]
        if not all(type(v) is int for v in (days, seconds, micro)):
            raise self._err(path, "a timedelta needs three integers")
        return _dt.timedelta(days=days, seconds=seconds, microseconds=micro)

    def d_np_random(self, node: dict, path: str) -> Any:
        bit = node.get("bit_generator")
        if bit not in _BIT_GENERATORS:
            raise self._err(path, f"bad bit generator {bit!r}")
        state = self.decode(node.get("state"), path + ".state")
        generator = getattr(np.random, bit)()
        if node.get("kind") == "Generator":
            generator.state = state
            return np.random.Generator(generator)
        if node.get("kind") == "RandomState":
            out = np.random.RandomState(generator)
            out.set_state(state)
            return out
        raise self._err(path, f"bad random generator kind {node.get('kind')!r}")

    def d_sparse(self, node: dict, path: str) -> Any:
        import scipy.sparse as sp

        fmt = node.get("format")
        if fmt not in ("csr", "csc", "coo"):
            raise self._err(path, f"bad sparse format {fmt!r}")
        shape = tuple(node["shape"])
        if len(shape) != 2 or not all(type(v) is int and v >= 0 for v in shape):
            raise self._err(path, "bad sparse shape")
        data = self.decode(node["data"], path)
        cls = getattr(sp, f"{fmt}_{'array' if node.get('array') else 'matrix'}")
        if fmt == "coo":
            out = cls((data, (self.decode(node["row"], path), self.decode(node["col"], path))), shape=shape)
        else:
            out = cls((data, self.decode(node["indices"], path), self.decode(node["indptr"], path)), shape=shape)
        return self._register(node, out, path)

    def d_ndarray(self, node: dict, path: str) -> np.ndarray:
        data = self._member(node, path)
        try:
            arr = np.load(io.BytesIO(data), allow_pickle=False)
        except Exception as err:  # noqa: BLE001 - a pickled object array or a corrupt member
            raise self._err(path, f"the array member {node.get('member')!r} is not a plain .npy array ({err})") from err
        return self._register(node, arr, path)

    def d_objarray(self, node: dict, path: str) -> np.ndarray:
        shape = node.get("shape")
        if type(shape) is not list or not all(type(s) is int and s >= 0 for s in shape):
            raise self._err(path, "bad array shape")
        items = [self.decode(v, f"{path}[{i}]") for i, v in enumerate(self.d_items(node, path))]
        if len(items) != math.prod(shape):
            raise self._err(path, "the number of items does not match the shape")
        arr = np.empty(len(items), dtype=object)
        arr[:] = items if items else arr[:0]
        return self._register(node, arr.reshape(shape), path)

    def d_npscalar(self, node: dict, path: str) -> Any:
        dtype = _safe_dtype(node.get("dtype"), path)
        raw = bytes.fromhex(node["hex"])
        if len(raw) != dtype.itemsize:
            raise self._err(path, "the scalar's bytes do not match its dtype")
        return np.frombuffer(raw, dtype=dtype)[0]

    def d_dtype(self, node: dict, path: str) -> np.dtype:
        value = node.get("value")
        if isinstance(value, list):
            descr = [tuple(d) for d in value]
            for d in descr:
                _safe_dtype(d[1] if isinstance(d[1], str) else "V", path)
            return _safe_dtype(descr, path)
        return _safe_dtype(value, path)

    # pandas
    def d_NA(self, node: dict, path: str) -> Any:
        return pd.NA

    def d_NaT(self, node: dict, path: str) -> Any:
        return pd.NaT

    def d_timestamp(self, node: dict, path: str) -> pd.Timestamp:
        out = pd.Timestamp(str(node["value"])).as_unit(str(node.get("unit", "ns")))
        return out if node.get("tz") is None else out.tz_localize("UTC").tz_convert(str(node["tz"]))

    def d_timedelta(self, node: dict, path: str) -> pd.Timedelta:
        return pd.Timedelta(int(node["value"]))

    def d_interval(self, node: dict, path: str) -> pd.Interval:
        closed = node.get("closed")
        if closed not in ("left", "right", "both", "neither"):
            raise self._err(path, f"bad interval side {closed!r}")
        return pd.Interval(self.decode(node["left"], path), self.decode(node["right"], path), closed=closed)

    def d_period(self, node: dict, path: str) -> pd.Period:
        return pd.Period(str(node["value"]), freq=str(node["freq"]))

    def d_catdtype(self, node: dict, path: str) -> pd.CategoricalDtype:
        cats = None if node.get("categories") is None else self.decode(node["categories"], path)
        return pd.CategoricalDtype(cats, ordered=bool(node.get("ordered")))

    def d_strdtype(self, node: dict, path: str) -> pd.StringDtype:
        return _string_dtype(node, path, self)

    def d_tzdtype(self, node: dict, path: str) -> pd.DatetimeTZDtype:
        return pd.DatetimeTZDtype(unit=str(node["unit"]), tz=str(node["tz"]))

    def d_extdtype(self, node: dict, path: str) -> Any:
        name = node.get("value")
        if not isinstance(name, str) or not (_EXT_DTYPES.match(name) or name in _CASE_WEIGHTS):
            raise self._err(path, f"pandas dtype {name!r} is not allowed")
        return pd.api.types.pandas_dtype(name)

    def d_caseweights(self, node: dict, path: str) -> Any:
        from ..case_weights import frequency_weights, importance_weights

        name = node.get("dtype")
        values = self.decode(node.get("values"), path)
        if name not in _CASE_WEIGHTS or not isinstance(values, np.ndarray) or values.dtype != np.float64:
            raise self._err(path, "case weights need a weights dtype and float64 values")
        if name == "frequency_weights":
            return frequency_weights(values.astype(np.int64))
        return importance_weights(values)

    def d_categorical(self, node: dict, path: str) -> pd.Categorical:
        codes = self.decode(node["codes"], path)
        cats = self.decode(node["categories"], path)
        if not isinstance(codes, np.ndarray) or codes.dtype.kind != "i" or not isinstance(cats, pd.Index):
            raise self._err(path, "a categorical needs integer codes and an index of categories")
        out = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(cats, ordered=bool(node.get("ordered"))))
        return self._register(node, out, path)

    def d_datetimetz(self, node: dict, path: str) -> Any:
        utc = self.decode(node["utc"], path)
        idx = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(str(node["tz"]))
        return idx.as_unit(str(node["unit"])).array

    def d_strarray(self, node: dict, path: str) -> Any:
        items = self.d_items(node, path)
        if not all(v is None or type(v) is str for v in items):
            raise self._err(path, "a string array holds only strings and nulls")
        return pd.array(items, dtype=_string_dtype(node, path, self))

    def d_extarray(self, node: dict, path: str) -> Any:
        name = node.get("dtype")
        if not isinstance(name, str) or not _EXT_DTYPES.match(name):
            raise self._err(path, f"pandas dtype {name!r} is not allowed")
        items = [self.decode(v, path) for v in self.d_items(node, path)]
        if not all(v is None or type(v) in (bool, int, float, str) for v in items):
            raise self._err(path, "an extension array holds only scalars")
        return pd.array(items, dtype=pd.api.types.pandas_dtype(name))

    def _array_like(self, node: Any, path: str) -> Any:
        values = self.decode(node, path)
        if not isinstance(values, (np.ndarray, pd.Categorical, pd.api.extensions.ExtensionArray)):
            raise self._err(path, "expected column values")
        return values

    def d_rangeindex(self, node: dict, path: str) -> pd.RangeIndex:
        start, stop, step = node["range"]
        if not all(type(v) is int for v in (start, stop, step)):
            raise self._err(path, "a range index needs three integers")
        return self._register(node, pd.RangeIndex(start, stop, step, name=self.decode(node.get("name"), path)), path)

    def d_index(self, node: dict, path: str) -> pd.Index:
        values = self._array_like(node["values"], path)
        name = self.decode(node.get("name"), path)
        return self._register(node, pd.Index(values, name=name, dtype=values.dtype, copy=False), path)

    def d_multiindex(self, node: dict, path: str) -> pd.MultiIndex:
        levels = [self.decode(lv, path) for lv in node["levels"]]
        codes = [self.decode(c, path) for c in node["codes"]]
        out = pd.MultiIndex(levels=levels, codes=codes, names=self.decode(node["names"], path))
        return self._register(node, out, path)

    def d_series(self, node: dict, path: str) -> pd.Series:
        values = self._array_like(node["values"], path)
        index = self.decode(node["index"], path + ".index")
        if not isinstance(index, pd.Index) or len(index) != len(values):
            raise self._err(path, "the series index does not match its values")
        out = pd.Series(values, index=index, name=self.decode(node.get("name"), path), dtype=values.dtype, copy=False)
        return self._register(node, out, path)

    def d_dataframe(self, node: dict, path: str) -> pd.DataFrame:
        columns = self.decode(node["columns"], path + ".columns")
        index = self.decode(node["index"], path + ".index")
        data = [self._array_like(v, f"{path}[{i}]") for i, v in enumerate(node["data"])]
        if not isinstance(columns, pd.Index) or not isinstance(index, pd.Index) or len(columns) != len(data) \
                or any(len(v) != len(index) for v in data):
            raise self._err(path, "the data frame's columns, index and data do not match")
        if data:
            # explicit dtypes: pandas would otherwise infer "str" for object columns of strings
            out = pd.DataFrame({i: pd.Series(v, dtype=v.dtype, copy=False) for i, v in enumerate(data)}, copy=False)
            out.index = index
            out.columns = columns
        else:
            out = pd.DataFrame(index=index, columns=columns)
        return self._register(node, out, path)

    # torch
    def _tensor_table(self, path: str) -> dict[str, Any]:
        if self._tensors is None:
            data = self.members.get(_TENSORS)
            if data is None:
                raise self._err(path, "it refers to a tensor but the file has no tensors member")
            try:
                from safetensors.torch import load as st_load

                self._tensors = st_load(data)
            except Exception as err:  # noqa: BLE001 - a corrupt or non-safetensors member
                raise self._err(path, f"the tensors member is not a valid safetensors file ({err})") from err
        return self._tensors

    def d_tensor(self, node: dict, path: str) -> Any:
        import torch

        table = self._tensor_table(path)
        key = node.get("key")
        if key not in table:
            raise self._err(path, f"no tensor {key!r} in the tensors member")
        t = table[key]
        if node.get("parameter"):
            t = torch.nn.Parameter(t, requires_grad=bool(node.get("requires_grad")))
        elif node.get("requires_grad"):
            t.requires_grad_(True)
        return self._register(node, t, path)

    def d_torch_dtype(self, node: dict, path: str) -> Any:
        import torch

        value = getattr(torch, str(node.get("value")), None) if _IDENT.match(str(node.get("value"))) else None
        if not isinstance(value, torch.dtype):
            raise self._err(path, f"{node.get('value')!r} is not a torch dtype")
        return value

    def d_torch_device(self, node: dict, path: str) -> Any:
        import torch

        return torch.device(str(node["value"]))

    def d_torch_generator(self, node: dict, path: str) -> Any:
        import torch

        state = self.decode(node.get("state"), path + ".state")
        if not isinstance(state, torch.Tensor) or state.dtype != torch.uint8:
            raise self._err(path, "a torch generator's state must be a uint8 tensor")
        generator = torch.Generator()
        generator.set_state(state)
        return generator

    def d_torch_size(self, node: dict, path: str) -> Any:
        import torch

        return torch.Size([int(v) for v in self.d_items(node, path)])

    # native formats
    def d_xgboost_booster(self, node: dict, path: str) -> Any:
        data = self._member(node, path)
        try:
            import xgboost
        except ImportError as err:
            from ..errors import MissingDependencyError

            raise MissingDependencyError(
                'This model file holds an xgboost model; install it with pip install "pytidymodels[xgboost]".'
            ) from err
        booster = xgboost.Booster()
        try:
            booster.load_model(bytearray(data))
        except Exception as err:  # noqa: BLE001 - xgboost's parser rejects anything but its JSON/UBJSON
            raise self._err(path, f"the xgboost member is not a valid xgboost model ({err})") from err
        return self._register(node, booster, path)

    def d_lightgbm_booster(self, node: dict, path: str) -> Any:
        data = self._member(node, path)
        try:
            import lightgbm
        except ImportError as err:
            from ..errors import MissingDependencyError

            raise MissingDependencyError(
                'This model file holds a lightgbm model; install it with pip install "pytidymodels[lightgbm]".'
            ) from err
        try:
            booster = lightgbm.Booster(model_str=data.decode("utf-8"))
        except Exception as err:  # noqa: BLE001 - lightgbm's text parser rejects anything else
            raise self._err(path, f"the lightgbm member is not a valid lightgbm model ({err})") from err
        return self._register(node, booster, path)

    def d_skops(self, node: dict, path: str) -> Any:
        data = self._member(node, path)
        try:
            import skops.io as sio
        except ImportError as err:  # pragma: no cover - skops is a core dependency
            from ..errors import MissingDependencyError

            raise MissingDependencyError("This model file holds a scikit-learn object; install skops.") from err
        try:
            obj = sio.loads(data, trusted=list(_SKOPS_TRUSTED))
        except Exception as err:  # noqa: BLE001 - skops refuses untrusted types and corrupt files
            raise self._err(path, f"the scikit-learn member was refused by skops ({type(err).__name__}: {err})") from err
        return self._register(node, obj, path)

    # allow-listed classes
    def _decode_state(self, node: Any, path: str) -> Any:
        """An object's state; a dict of attributes gets ``path.attr`` paths, as when saving."""
        if type(node) is dict and node.get("$") == "dict":
            out = {}
            for pair in self.d_items(node, path):
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise self._err(path, "an object's state must map attribute names to values")
                out[pair[0]] = self.decode(pair[1], f"{path}.{pair[0]}")
            return out
        if type(node) is dict and node.get("$") == "tuple":
            return tuple(None if v is None else self._decode_state(v, path) for v in self.d_items(node, path))
        return self.decode(node, path)

    def d_obj(self, node: dict, path: str) -> Any:
        cls = _resolve_class(node.get("class"), path)
        if issubclass(cls, enum.Enum):
            raise self._err(path, "enum members are stored by name")
        if node.get("singleton") is True:
            if node.get("class") not in _SINGLETONS or set(node) - {"$", "class", "id", "singleton"}:
                raise self._err(path, f"{node.get('class')!r} is not one of the singletons a model file may name")
            return self._register(node, cls(), path)
        args = [self.decode(a, f"{path}.__new__[{i}]") for i, a in enumerate(node.get("args", []))]
        kwargs = self.decode(node["kwargs"], path) if "kwargs" in node else {}
        if type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
            raise self._err(path, "bad constructor keywords")
        obj: Any = cls.__new__(cls, *args, **kwargs)
        self._register(node, obj, path)
        if "state" in node:
            state = self._decode_state(node["state"], path)
            setstate = getattr(obj, "__setstate__", None)
            if setstate is not None:
                setstate(state)
            else:
                _default_setstate(obj, state, path, self)
        for item in (self.decode(v, path) for v in node.get("listitems", [])):
            obj.append(item)
        for pair in node.get("dictitems", []):
            obj[self.decode(pair[0], path)] = self.decode(pair[1], path)
        self.checked.append((obj, path))
        return obj


def _default_setstate(obj: Any, state: Any, path: str, reader: _Reader) -> None:
    slots = None
    if type(state) is tuple and len(state) == 2:
        state, slots = state
    if state:
        if type(state) is not dict:
            raise reader._err(path, "an object's state must be a dict")
        obj.__dict__.update(state)
    if slots:
        if type(slots) is not dict:
            raise reader._err(path, "an object's slot state must be a dict")
        for key, value in slots.items():
            object.__setattr__(obj, key, value)


def _string_dtype(node: dict, path: str, reader: _Reader) -> pd.StringDtype:
    storage = node.get("storage")
    if storage not in ("python", "pyarrow"):
        raise reader._err(path, f"bad string storage {storage!r}")
    return pd.StringDtype(storage=storage, na_value=np.nan if node.get("na") == "nan" else pd.NA)


def _safe_dtype(value: Any, path: str) -> np.dtype:
    try:
        dtype = np.dtype(value)
    except Exception as err:  # noqa: BLE001 - an unknown dtype string
        raise ModelFileError(f"The model file is malformed at {path}: bad dtype {value!r} ({err}).") from err
    if dtype.hasobject:
        raise ModelFileError(f"The model file is malformed at {path}: dtype {value!r} would hold Python objects.")
    return dtype


_DECODERS: dict[str, Callable[[_Reader, dict, str], Any]] = {
    "ref": _Reader.d_ref, "float": _Reader.d_float, "complex": _Reader.d_complex, "bytes": _Reader.d_bytes,
    "tuple": _Reader.d_tuple, "set": _Reader.d_set, "frozenset": _Reader.d_frozenset, "dict": _Reader.d_dict,
    "odict": _Reader.d_dict, "defaultdict": _Reader.d_defaultdict, "slice": _Reader.d_slice, "range": _Reader.d_range, "type": _Reader.d_type,
    "enum": _Reader.d_enum, "function": _Reader.d_function, "engine_info": _Reader.d_engine_info, "ndarray": _Reader.d_ndarray,
    "objarray": _Reader.d_objarray, "npscalar": _Reader.d_npscalar, "dtype": _Reader.d_dtype, "NA": _Reader.d_NA,
    "NaT": _Reader.d_NaT, "timestamp": _Reader.d_timestamp, "timedelta": _Reader.d_timedelta,
    "interval": _Reader.d_interval, "period": _Reader.d_period, "catdtype": _Reader.d_catdtype,
    "strdtype": _Reader.d_strdtype, "tzdtype": _Reader.d_tzdtype, "extdtype": _Reader.d_extdtype,
    "categorical": _Reader.d_categorical, "datetimetz": _Reader.d_datetimetz, "strarray": _Reader.d_strarray,
    "extarray": _Reader.d_extarray, "caseweights": _Reader.d_caseweights, "rangeindex": _Reader.d_rangeindex, "index": _Reader.d_index,
    "multiindex": _Reader.d_multiindex, "series": _Reader.d_series, "dataframe": _Reader.d_dataframe,
    "tensor": _Reader.d_tensor, "torch_dtype": _Reader.d_torch_dtype, "torch_device": _Reader.d_torch_device,
    "torch_size": _Reader.d_torch_size, "torch_generator": _Reader.d_torch_generator, "xgboost_booster": _Reader.d_xgboost_booster,
    "lightgbm_booster": _Reader.d_lightgbm_booster, "skops": _Reader.d_skops, "obj": _Reader.d_obj,
    "pydatetime": _Reader.d_pydatetime, "pytimedelta": _Reader.d_pytimedelta, "np_random": _Reader.d_np_random,
    "sparse": _Reader.d_sparse,
}


# ---------------------------------------------------------------------------------------------
# expressions: a formula's Python terms run when new data is encoded, and step_mutate/step_filter
# strings run through pandas.eval when data are baked. Both are parsed (never run) when saving and
# loading, and accepted only if they are names, constants, arithmetic, comparisons and calls of
# known elementwise functions; no subscripts, no private names, no other attributes.

_FORMULA_FUNCTIONS = frozenset({
    "C", "I", "center", "scale", "poly", "bs", "cs", "cr", "cc", "te", "lag", "hashed", "contr",
    "log", "log1p", "log2", "log10", "exp", "expm1", "sqrt", "abs", "sin", "cos", "tan", "arcsin", "arccos",
    "arctan", "sinh", "cosh", "tanh", "square", "power", "floor", "ceil", "round", "sign", "clip",
    "minimum", "maximum", "logical_not", "isnan", "where", "float", "int", "str", "bool", "pow", "min", "max",
    "treatment", "sum", "helmert", "diff", "custom", "T", "S", "H", "D", "Poly",
})
_FORMULA_NAMESPACES = frozenset({"np", "numpy", "contr"})
# pandas.eval's math functions (pandas.core.computation.ops.MATHOPS)
_PANDAS_FUNCTIONS = frozenset({
    "sin", "cos", "tan", "exp", "log", "expm1", "log1p", "sqrt", "sinh", "cosh", "tanh", "arcsin", "arccos",
    "arctan", "arccosh", "arcsinh", "arctanh", "abs", "log10", "floor", "ceil", "arctan2",
})
# Series accessors, properties and methods a step expression may use
_PANDAS_ATTRIBUTES = frozenset({
    "dt", "str", "cat", "year", "month", "day", "hour", "minute", "second", "dayofweek", "day_of_week",
    "dayofyear", "day_of_year", "quarter", "weekday", "codes", "abs", "round", "clip", "isna", "notna", "isnull",
    "notnull", "fillna", "astype", "lower", "upper", "strip", "len", "startswith", "endswith", "contains",
    "cumsum", "cumprod", "shift", "diff", "mean", "std", "var", "sum", "min", "max", "median", "rank", "between",
    "isin", "where", "mask", "pow", "floordiv", "mod",
})
_EXPR_NODES = (ast.Expression, ast.Name, ast.Load, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp,
               ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.Call, ast.keyword, ast.Attribute, ast.List,
               ast.Tuple, ast.IfExp)


def _check_expression(expr: str, where: str, *, kind: str, error: type[Exception] = ModelFileError) -> None:
    """Refuse ``expr`` (a formula term or a pandas.eval string) unless it is plain arithmetic on names."""
    formula = kind == "formula term"
    text = expr
    if not formula:
        if "@" in text:
            raise error(f"{where}: the {kind} {expr!r} refers to a local variable with '@', which a model file "
                        "does not accept.")
        quoted = iter(range(10**9))
        text = re.sub(r"`[^`]*`", lambda m: f"Q{next(quoted)}", text)
    hint = (" Use a recipe step instead." if formula else
            " Write it with column names, numbers, operators and pandas.eval's math functions.")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise error(f"{where}: the {kind} {expr!r} is not a valid expression ({err.msg}).") from err
    for sub in ast.walk(tree):
        if not isinstance(sub, _EXPR_NODES):
            raise error(f"{where}: the {kind} {expr!r} uses {type(sub).__name__}, which a model file does not "
                        f"accept ({kind}s run as code on new data).{hint}")
        if isinstance(sub, ast.Name) and sub.id.startswith("_"):
            raise error(f"{where}: the {kind} {expr!r} names {sub.id!r}; private names are not accepted.")
        if isinstance(sub, ast.Attribute):
            if formula:
                ok = (isinstance(sub.value, ast.Name) and sub.value.id in _FORMULA_NAMESPACES
                      and sub.attr in _FORMULA_FUNCTIONS)
            else:
                ok = sub.attr in _PANDAS_ATTRIBUTES
            if not ok:
                raise error(f"{where}: the {kind} {expr!r} reads the attribute {ast.unparse(sub)}, which a model "
                            f"file does not accept.{hint}")
        if isinstance(sub, ast.Call):
            fn = sub.func
            if isinstance(fn, ast.Name):
                ok = fn.id in (_FORMULA_FUNCTIONS if formula else _PANDAS_FUNCTIONS)
            else:
                ok = isinstance(fn, ast.Attribute)   # the attribute itself is checked above
            if not ok:
                raise error(f"{where}: the {kind} {expr!r} calls {ast.unparse(fn)}, which is not a known "
                            f"{'formula transform' if formula else 'pandas.eval function'}.{hint}")


def _check_formula_expr(expr: str, where: str, error: type[Exception] = ModelFileError) -> None:
    _check_expression(expr, where, kind="formula term", error=error)


def _formula_terms(formula: Any) -> list[tuple[str, str]]:
    """The Python terms of a model formula string (parsed by formulaic, never evaluated)."""
    if formula is None:
        return []
    if not isinstance(formula, str):
        return [("formula", repr(formula))]
    from formulaic import Formula

    from ..parsnip._mold import _NAME, _split_terms

    out = []
    for side in formula.split("~"):
        for _, term in _split_terms(side):
            if term in (".", "0", "1") or _NAME.match(term):
                continue
            try:
                parsed = Formula(term)
            except Exception:  # noqa: BLE001 - formulaic cannot parse it: check the raw text instead
                out.append(("formula term", term))
                continue
            for part in parsed:
                for factor in part.factors:
                    if getattr(factor.eval_method, "value", None) == "python":
                        out.append(("formula term", str(factor.expr)))
    return out


def _expressions_of(obj: Any) -> list[tuple[str, str]]:
    """``(kind, text)`` of the code-like strings an object holds, for the classes that have them."""
    name = _class_name(type(obj))
    if name in ("pytidy.workflows.workflow:Workflow", "pytidy.parsnip._mold:FormulaBlueprint",
                "pytidy.recipes.recipe:Recipe"):
        return _formula_terms(getattr(obj, "formula", None))
    if name == "formulaic.parser.types.factor:Factor":
        method = getattr(getattr(obj, "eval_method", None), "value", None)
        return [("formula term", obj.expr)] if method == "python" else []
    if name == "pytidy.recipes.steps.mutate:StepMutate":
        return [("step_mutate() expression", e) for _, e in obj.inputs if isinstance(e, str)]
    if name == "pytidy.recipes.steps.filter:StepFilter":
        return [("step_filter() condition", c) for c in obj.conditions if isinstance(c, str)]
    return []


def _check_expressions(obj: Any, where: str, error: type[Exception]) -> None:
    for kind, text in _expressions_of(obj):
        if not isinstance(text, str):
            raise error(f"{where}: a {kind} is not a string.")
        _check_expression(text, where, kind=kind, error=error)


# ---------------------------------------------------------------------------------------------
# encoding and decoding a whole object


def _library_versions(libs: set[str]) -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version(), "numpy": np.__version__, "pandas": pd.__version__}
    for lib, dist in (("torch", "torch"), ("sklearn", "scikit-learn"), ("xgboost", "xgboost"),
                      ("lightgbm", "lightgbm")):
        if lib in libs:
            try:
                out[dist] = md.version(dist)
            except md.PackageNotFoundError:  # pragma: no cover
                pass
    return out


def encode_object(obj: Any, root: str) -> tuple[dict[str, bytes], dict[str, str]]:
    """``{member name: bytes}`` (graph.json and binary members) and library versions for ``obj``."""
    writer = _Writer()
    try:
        graph = writer.encode(obj, root)
    except RecursionError as err:
        raise NotSerializableError(f"Cannot save {root}: the object graph is too deeply nested.") from err
    members = dict(writer.members)
    if writer.tensors:
        from safetensors.torch import save as st_save

        members[_TENSORS] = st_save(writer.tensors)
    members["graph.json"] = json.dumps({"root": graph}, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return members, _library_versions(writer.libraries)


def decode_object(graph: Any, members: dict[str, bytes], root: str) -> Any:
    """Rebuild the object of ``graph`` (the parsed graph.json) from ``members``; check its expressions."""
    if type(graph) is not dict or "root" not in graph:
        raise ModelFileError("graph.json has no root object.")
    reader = _Reader(members)
    obj = reader.decode(graph["root"], root)
    for item, item_path in reader.checked:
        _check_expressions(item, item_path, ModelFileError)
    return obj
