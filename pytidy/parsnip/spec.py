"""Model specifications: frozen values that every verb copies (R: parsnip ``new_model_spec``)."""

from __future__ import annotations

import difflib
from typing import Any

from attrs import evolve, field, frozen

from .._converters import as_dict
from .._random import SeedLike
from ..errors import InvalidParameterError, NotFittedError
from ..hardhat import Tune, is_tune
from .registry import MODES, engines_of, get_engine, get_model

__all__ = ["ModelSpec", "new_model_spec"]


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return repr(value) if isinstance(value, str) else str(value)


@frozen
class ModelSpec:
    """A model specification: what to fit, not yet fitted.

    Build it with a model function (:func:`linear_reg`, :func:`logistic_reg`, :func:`tabnet`)
    and refine it with :meth:`set_engine`, :meth:`set_mode` and :meth:`set_args`; each returns a
    new spec and leaves the old one alone (API.md: specs are immutable values).
    """

    model: str
    args: dict[str, Any] = field(factory=dict, converter=as_dict)
    mode: str = "unknown"
    engine: str | None = None
    engine_args: dict[str, Any] = field(factory=dict, converter=as_dict)

    def __attrs_post_init__(self) -> None:
        info = get_model(self.model)
        if self.mode != "unknown" and self.mode not in info.modes:
            raise InvalidParameterError(
                f"`mode` of {self.model}() must be one of {', '.join(repr(m) for m in info.modes)}; "
                f"got {self.mode!r}."
            )
        unknown = [a for a in self.args if a not in info.main_args]
        if unknown:
            raise InvalidParameterError(
                f"{self.model}() has no main argument(s) {unknown}; its main arguments are "
                f"{list(info.main_args)}. Engine-specific arguments go to set_engine()."
            )
        if self.engine is not None and self.engine not in engines_of(self.model):
            raise InvalidParameterError(
                f"Engine {self.engine!r} is not available for {self.model}(). Available engines: "
                f"{', '.join(repr(e) for e in engines_of(self.model))}."
            )

    # -- fluent verbs -------------------------------------------------------------------------
    def set_engine(self, engine: str, **engine_args: Any) -> ModelSpec:
        """Choose the computational engine and its engine-specific arguments.

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> linear_reg().set_engine("lm").engine
        'lm'
        """
        if not isinstance(engine, str):
            raise InvalidParameterError(f"`engine` in set_engine() must be a string; got {engine!r}.")
        return evolve(self, engine=engine, engine_args={**self.engine_args, **engine_args})

    def set_mode(self, mode: str) -> ModelSpec:
        """Choose ``"classification"`` or ``"regression"``.

        Examples
        --------
        >>> from pytidy import tabnet
        >>> tabnet().set_mode("regression").mode
        'regression'
        """
        if mode not in MODES:
            close = difflib.get_close_matches(str(mode), MODES, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise InvalidParameterError(
                f"`mode` in set_mode() must be one of {', '.join(repr(m) for m in MODES)}; got {mode!r}.{hint}"
            )
        return evolve(self, mode=mode)

    def set_args(self, **kwargs: Any) -> ModelSpec:
        """Change arguments: main arguments of the model, anything else as engine arguments (R).

        Examples
        --------
        >>> from pytidy import tabnet
        >>> tabnet(epochs=3).set_args(epochs=5).args["epochs"]
        5
        """
        main = get_model(self.model).main_args
        args = {**self.args, **{k: v for k, v in kwargs.items() if k in main}}
        eng = {**self.engine_args, **{k: v for k, v in kwargs.items() if k not in main}}
        return evolve(self, args=args, engine_args=eng)

    update = set_args

    # -- tuning ---------------------------------------------------------------------------------
    def tune_args(self) -> list[dict[str, str]]:
        """The arguments set to ``tune()``: name, id and component_id ("main" or "engine").

        Main arguments come in the model's argument order (R: the order of the model function's
        formals), whatever order they were given in, then engine arguments.
        """
        out = []
        order = {name: i for i, name in enumerate(get_model(self.model).main_args)}
        main = dict(sorted(self.args.items(), key=lambda kv: order[kv[0]]))
        for where, table in (("main", main), ("engine", self.engine_args)):
            for name, value in table.items():
                if is_tune(value):
                    out.append({"name": name, "id": value.id or name, "component_id": where})
        return out

    def tunable_rows(self) -> list[dict[str, Any]]:
        """One row per ``tune()`` argument: name, id, source, component, component_id, object.

        ``object`` is the dials parameter the engine declares in ``EngineInfo.tunable`` (R:
        ``tunable.model_spec``); main arguments come in the model's argument order, then engine
        arguments.
        """
        args = self.tune_args()
        if not args:
            return []
        engine = self._engine_or_default()
        info = get_engine(self.model, engine, self._mode_or_only())
        rows = []
        for arg in args:
            make = info.tunable.get(arg["name"])
            if make is None:
                raise InvalidParameterError(
                    f"`{arg['name']}` of {self.model}() is set to tune() but the {engine} engine has no "
                    f"tuning parameter for it. Tunable: {sorted(info.tunable)}."
                )
            rows.append({"name": arg["name"], "id": arg["id"], "source": "model_spec", "component": self.model,
                         "component_id": arg["component_id"], "object": make()})
        return rows

    def extract_parameter_set_dials(self) -> Any:
        """The tunable parameters of this spec as a dials ParameterSet (R: ``extract_parameter_set_dials``).

        Built in parsnip from the engine's dials constructors, as parsnip's ``R/extract.R`` does.

        Examples
        --------
        >>> from pytidy import linear_reg, tune
        >>> linear_reg(penalty=tune(), mixture=tune()).set_engine("glmnet").parameters().ids
        ['penalty', 'mixture']
        """
        from ..dials import ParameterSet

        return ParameterSet.from_rows(self.tunable_rows())

    parameters = extract_parameter_set_dials

    def finalize(self, values: dict[str, Any]) -> ModelSpec:
        """Replace ``tune()`` placeholders by values keyed by parameter id (R: ``finalize_model``)."""
        def sub(table: dict[str, Any]) -> dict[str, Any]:
            return {
                k: (values[v.id or k] if isinstance(v, Tune) and (v.id or k) in values else v)
                for k, v in table.items()
            }

        return evolve(self, args=sub(self.args), engine_args=sub(self.engine_args))

    finalize_model = finalize

    # -- fitting --------------------------------------------------------------------------------
    def fit(self, formula: str, data: Any, *, seed: SeedLike = None, case_weights: Any = None) -> Any:
        """Fit with a formula, e.g. ``spec.fit("mpg ~ .", data=mtcars)`` (R: ``fit.model_spec``).

        ``case_weights``: an importance/frequency weights vector, one per row (R's argument).
        """
        from .fit import fit_formula

        return fit_formula(self, formula, data, seed=seed, case_weights=case_weights)

    def fit_xy(self, x: Any, y: Any, *, seed: SeedLike = None, case_weights: Any = None) -> Any:
        """Fit with a predictor frame and an outcome (R: ``fit_xy``); ``case_weights`` as in :meth:`fit`."""
        from .fit import fit_xy

        return fit_xy(self, x, y, seed=seed, case_weights=case_weights)

    def predict(self, *args: Any, **kwargs: Any) -> Any:
        """Unfitted specs cannot predict; raise :class:`NotFittedError` saying what to do."""
        raise NotFittedError(f"predict() needs a fitted model; call fit(spec, formula, data) first ({self.model}()).")

    def translate(self, engine: str | None = None) -> Any:
        """The engine's own argument names and values that fitting will use (R: ``translate()``).

        The engine's defaults (``EngineInfo.defaults``) come first, then the arguments set on the
        spec; see :func:`pytidy.parsnip.translate.translate`.

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> dict(linear_reg().set_engine("lm").translate())
        {}
        """
        from .translate import translate

        return translate(self, engine=engine)

    def _engine_or_default(self) -> str:
        return self.engine or get_model(self.model).default_engine

    def _mode_or_only(self) -> str:
        if self.mode != "unknown":
            return self.mode
        modes = get_model(self.model).modes
        if len(modes) == 1:
            return modes[0]
        raise InvalidParameterError(
            f"Please set the mode of {self.model}() before fitting: add .set_mode('classification') "
            "or .set_mode('regression')."
        )

    def __repr__(self) -> str:
        info = get_model(self.model)
        lines = [f"{info.label or self.model} Model Specification ({self.mode})", ""]
        if self.args:
            lines += ["Main Arguments:"] + [f"  {k} = {_fmt(v)}" for k, v in self.args.items()] + [""]
        if self.engine_args:
            lines += ["Engine-Specific Arguments:"]
            lines += [f"  {k} = {_fmt(v)}" for k, v in self.engine_args.items()] + [""]
        if self.engine:
            lines.append(f"Computational engine: {self.engine}")
        return "\n".join(lines).rstrip() + "\n"


def new_model_spec(model: str, args: dict[str, Any], mode: str = "unknown", engine: str | None = None) -> ModelSpec:
    """Build a spec for a registered model, dropping arguments left at ``None`` (R's NULL)."""
    return ModelSpec(model=model, args={k: v for k, v in args.items() if v is not None}, mode=mode, engine=engine)
