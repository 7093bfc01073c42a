"""From a model specification to the engine's own call (R: parsnip ``R/translate.R``).

``engine_arguments`` is the one place where a spec's arguments become the keyword arguments of an
engine's ``fit`` function: main arguments are renamed through ``EngineInfo.arg_map`` (R:
``set_model_arg(parsnip=, original=)``), main arguments the engine does not use are dropped with a
warning (R's ``deharmonize()`` drops arguments that have no engine name), and engine arguments are
passed through as given. ``translate()`` shows the result as R prints its "Model fit template".
"""

from __future__ import annotations

import functools

import inspect
import warnings
from typing import Any

from ..errors import InvalidParameterError, PytidyWarning
from .registry import EngineInfo, get_engine
from .spec import ModelSpec, _fmt

__all__ = ["translate", "engine_arguments", "Translation"]


def _accepted(fn: Any) -> set[str] | None:
    """Keyword names ``fn`` accepts, or None when it takes ``**kwargs`` (or has no signature)."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    return {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}


def unused_main_args(spec: ModelSpec, info: EngineInfo) -> list[str]:
    """Main arguments set on ``spec`` (not None) that the engine does not use.

    They are those missing from ``info.args``; when an engine declares no ``args``, those its
    ``fit`` function cannot take (judged from its signature; a ``**kwargs`` fit takes them all).
    """
    set_args = [k for k, v in spec.args.items() if v is not None]
    if info.args is not None:
        return [k for k in set_args if k not in info.args]
    accepted = _accepted(info.fit)
    if accepted is None:
        return []
    return [k for k in set_args if info.arg_map.get(k, k) not in accepted]


def engine_arguments(spec: ModelSpec, info: EngineInfo, *, warn: bool = True) -> dict[str, Any]:
    """The keyword arguments the engine's ``fit`` receives: translated main args, then engine args.

    Main arguments that ``info.args`` does not list are dropped with a :class:`PytidyWarning`
    naming them (R: ``translate()`` keeps only the arguments the engine has a name for).

    Examples
    --------
    >>> from pytidy import linear_reg
    >>> from pytidy.parsnip.registry import get_engine
    >>> spec = linear_reg(penalty=0.1).set_engine("glmnet")
    >>> engine_arguments(spec, get_engine("linear_reg", "glmnet", "regression"))
    {'penalty': 0.1}
    """
    dropped = unused_main_args(spec, info)
    if dropped and warn:
        names = ", ".join(f"`{a}`" for a in dropped)
        warnings.warn(
            f"The {info.engine!r} engine of {spec.model}() does not use the argument(s) {names}; "
            f"they were dropped. Arguments it uses: {list(info.args or ())}. "
            "Remove them with set_args(name=None) or choose another engine.",
            PytidyWarning,
            stacklevel=3,
        )
    args = {info.arg_map.get(k, k): v for k, v in spec.args.items() if v is not None and k not in dropped}
    accepted = _accepted(info.fit)
    bad = [k for k in spec.engine_args if accepted is not None and k not in accepted]
    if bad and accepted is not None:  # bad is empty when accepted is None
        raise InvalidParameterError(
            f"The {info.engine!r} engine of {spec.model}() has no argument(s) {bad} (set with set_engine()); "
            f"its fit function takes {sorted(accepted - {'x', 'y', 'seed'})}. Check the spelling."
        )
    args.update(spec.engine_args)
    return args


class Translation(dict):
    """The engine arguments of a translated spec: a dict that prints as R's "Model fit template".

    Compares equal to a plain dict of the engine's argument names and values (the engine's
    ``defaults`` first, then the spec's arguments); ``.spec``, ``.engine_info`` and ``.dropped``
    (main arguments the engine does not use) say where they came from.
    """

    spec: ModelSpec
    engine_info: EngineInfo
    dropped: list[str]

    def __init__(self, args: dict[str, Any], spec: ModelSpec, info: EngineInfo, dropped: list[str]) -> None:
        super().__init__(args)
        self.spec = spec
        self.engine_info = info
        self.dropped = dropped

    @property
    def fit_name(self) -> str:
        """The dotted name of the engine's fit function, e.g. ``pytidy.engines.linear.glmnet.fit_glmnet``."""
        fn = self.engine_info.fit
        while isinstance(fn, functools.partial):  # an engine fit bound to fixed arguments
            fn = fn.func
        module = getattr(fn, "__module__", None) or ""
        name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__
        return f"{module}.{name}" if module else name

    def template(self) -> str:
        """The engine call with the data arguments missing (R: ``x$method$fit$args``)."""
        parts = ["x = missing_arg()", "y = missing_arg()", "seed = missing_arg()"]
        parts += [f"{k} = {_fmt(v)}" for k, v in self.items()]
        return f"{self.fit_name}({', '.join(parts)})"

    def __repr__(self) -> str:
        spec = self.spec.set_mode(self.engine_info.mode).set_engine(self.engine_info.engine)
        out = repr(spec).rstrip("\n") + "\n\nModel fit template:\n" + self.template() + "\n"
        if self.dropped:
            out += f"(not used by this engine, dropped: {', '.join(self.dropped)})\n"
        return out

    def __reduce__(self) -> Any:
        return (dict, (dict(self),))


def translate(x: ModelSpec, engine: str | None = None) -> Translation:
    """Resolve a model specification for its engine (R: ``parsnip::translate()``).

    Main arguments are renamed to the engine's names (``arg_map``), the engine's ``defaults``
    are filled in, and main arguments the engine does not use are dropped with a
    :class:`~pytidy.errors.PytidyWarning`, as R's ``translate()`` drops them. The result is a
    dict of the engine's argument names to values that prints the engine call as R's
    "Model fit template" does; ``x``, ``y`` and ``seed`` are filled in at fit time.

    Parameters
    ----------
    x : ModelSpec
        The specification.
    engine : str, optional
        The engine to translate for; default the spec's engine (or the model's default engine).

    Returns
    -------
    Translation
        A dict subclass; ``repr()`` shows the spec and the fit template.

    Raises
    ------
    InvalidParameterError
        ``x`` is not a model specification, or its mode is unknown and the model has several.

    Examples
    --------
    >>> import pytidy as tm
    >>> tr = tm.translate(tm.linear_reg(penalty=0.01), engine="glmnet")
    >>> tr
    Linear Regression Model Specification (regression)
    <BLANKLINE>
    Main Arguments:
      penalty = 0.01
    <BLANKLINE>
    Computational engine: glmnet
    <BLANKLINE>
    Model fit template:
    pytidy.engines.linear.glmnet.fit_glmnet(x = missing_arg(), y = missing_arg(), seed = missing_arg(), mixture = 1.0, penalty = 0.01)
    <BLANKLINE>
    >>> dict(tr)
    {'mixture': 1.0, 'penalty': 0.01}
    """
    if not isinstance(x, ModelSpec):
        raise InvalidParameterError(
            f"`x` in translate() must be a model specification such as linear_reg(); got {type(x).__name__}."
        )
    if engine is not None:
        x = x.set_engine(engine)
    info = get_engine(x.model, x._engine_or_default(), x._mode_or_only())
    dropped = unused_main_args(x, info)
    args = engine_arguments(x, info, warn=False)
    if dropped:
        names = ", ".join(f"`{a}`" for a in dropped)
        warnings.warn(
            f"The {info.engine!r} engine of {x.model}() does not use the argument(s) {names}; "
            f"they were dropped. Arguments it uses: {list(info.args or ())}.",
            PytidyWarning,
            stacklevel=2,
        )
    return Translation({**info.defaults, **args}, x, info, dropped)
