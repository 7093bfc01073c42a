"""The step protocol, the step registry and the helpers every step uses.

A step is a frozen attrs class derived from :class:`Step` (declare it with :func:`step_class`)
plus one constructor function registered with :func:`register_step`. The constructor becomes
both a free function (``step_normalize(rec, ...)``) and a method of :class:`~pytidy.recipes.Recipe`
(``rec.step_normalize(...)``). See ``docs/dev/steps.md`` for a walk-through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field, fields, frozen

from ..._checks import is_bool, is_int, is_number
from ...errors import InvalidParameterError, NotTrainedError
from ...hardhat import is_tune
from .._types import column_type
from ..selectors import Selector, as_selector, eval_select

__all__ = [
    "Step",
    "StepTags",
    "step_class",
    "register_step",
    "unregister_step",
    "registered_steps",
    "check_trained",
    "check_new_data",
    "check_type",
    "check_new_names",
    "print_step",
    "ElementwiseStep",
    "FilterStep",
    "tidy_frame",
]

_AUTO_VALIDATORS: dict[str, Callable[[], Any]] = {"bool": is_bool, "int": is_int, "float": is_number}


def _add_validators(cls: type, attributes: list[Any]) -> list[Any]:
    """attrs field transformer: a field annotated plainly ``bool``, ``int`` or ``float`` that has no
    validator of its own gets :func:`~pytidy._checks.is_bool` / ``is_int`` / ``is_number`` (the
    last two let a ``tune()`` placeholder through), so constructing a step class directly validates
    its arguments as the ``step_*()`` function does, with the same message naming that function."""
    out = []
    for a in attributes:
        kind = a.type if isinstance(a.type, str) else getattr(a.type, "__name__", None)
        if a.validator is None and kind in _AUTO_VALIDATORS:
            a = a.evolve(validator=_AUTO_VALIDATORS[kind]())
        out.append(a)
    return out


if TYPE_CHECKING:  # type checkers see attrs' own decorator (mypy's attrs plugin knows it by name)
    from attrs import frozen as step_class
else:

    def step_class(cls: type) -> type:
        """Decorator for step classes: a frozen, keyword-only attrs class that keeps :class:`Step`'s
        repr; plain ``bool``/``int``/``float`` fields are validated (see ``_add_validators``)."""
        return frozen(kw_only=True, repr=False, field_transformer=_add_validators)(cls)


def _as_terms(terms: Iterable[Selector | str]) -> tuple[Selector, ...]:
    if isinstance(terms, (str, Selector)):
        terms = (terms,)
    return tuple(as_selector(t) for t in terms)


@frozen
class StepTags:
    """What a step does, so the conformance suite (:mod:`pytidy.testing.step_checks`) knows which
    checks apply (as scikit-learn's estimator tags). A step class sets ``tags = StepTags(...)``.

    Attributes
    ----------
    changes_rows : bool
        The step removes, adds or reorders rows (``step_filter``, ``step_sample``, ``step_arrange``,
        ``step_upsample``, ...): row-preservation checks do not apply.
    random : bool
        The step draws random numbers (with its ``seed``): same seed, same result is still checked.
    reads_columns_at_bake : bool
        ``bake()`` reads the selected columns (False for steps that only drop columns, such as
        ``step_zv``): the "missing column is named" check does not apply.
    skip_by_default : bool
        R's default is ``skip = TRUE`` (row operations on the training set only).
    selects_columns : bool
        The step takes a column selection (False for ``step_filter``, ``step_slice``,
        ``step_sample``, ``step_mutate``, which take conditions, positions or expressions).
    depends_on_row_order : bool
        Each row's result depends on its neighbours (``step_lag``, ``step_window``): shuffled
        input does not give shuffled output.

    Examples
    --------
    >>> from pytidy.recipes.steps.sample import StepSample
    >>> StepSample.tags.changes_rows, StepSample.tags.random
    (True, True)
    """

    changes_rows: bool = False
    random: bool = False
    reads_columns_at_bake: bool = True
    skip_by_default: bool = False
    selects_columns: bool = True
    depends_on_row_order: bool = False


@frozen(kw_only=True, repr=False)
class Step:
    """Base class of every recipe step (R: the ``step`` S3 class).

    Subclasses set the class variables ``name`` (``"step_normalize"``) and ``description``
    (``"Centering and scaling for"``, printed before the columns), add their own fields with defaults, and implement
    :meth:`prep`, :meth:`bake` and :meth:`tidy`; :meth:`tunable` is optional.

    Attributes
    ----------
    terms : tuple of Selector
        What the step works on, as given by the user; evaluated by :meth:`prep`.
    skip : bool
        If ``True`` the step is applied by ``prep()`` (so it is in the retained training data)
        but not by ``bake(new_data)`` (R's ``skip``).
    id : str or None
        Unique within a recipe; the recipe assigns ``"<type>_<n>"`` when None.
    trained : bool
        ``False`` until :meth:`prep` returns the trained copy.
    columns : tuple of str or None
        The columns the selection resolved to; set by :meth:`prep`.
    """

    name: ClassVar[str] = "step"
    description: ClassVar[str] = "Step on"
    #: What applies to this step in the conformance suite (see :class:`StepTags`).
    tags: ClassVar[StepTags] = StepTags()

    terms: tuple[Selector, ...] = field(default=(), converter=_as_terms)
    skip: bool = field(default=False, validator=is_bool())
    id: str | None = None
    trained: bool = False
    columns: tuple[str, ...] | None = None

    @property
    def type(self) -> str:
        """The operation name without ``step_`` (the ``type`` column of ``tidy(recipe)``)."""
        return self.name.removeprefix("step_")

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> Step:  # pragma: no cover - abstract
        """Learn what the step needs from ``training``; return a trained copy (never mutate)."""
        raise NotImplementedError(f"{type(self).__name__} must implement prep(training, info).")

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:  # pragma: no cover - abstract
        """Apply the trained step to ``new_data``; return a new frame, leaving ``new_data`` unchanged."""
        raise NotImplementedError(f"{type(self).__name__} must implement bake(new_data).")

    def tidy(self) -> pd.DataFrame:  # pragma: no cover - abstract
        """One row per term (and statistic); columns end with ``id``."""
        raise NotImplementedError(f"{type(self).__name__} must implement tidy().")

    def tunable(self) -> Mapping[str, Callable[[], Any]]:
        """``{argument: zero-argument factory of its dials parameter}`` (R: ``tunable.step_*``)."""
        return {}

    def renamed_columns(self) -> dict[str, str]:
        """``{old: new}`` for columns a trained step renames, so they keep their roles (R)."""
        return {}

    def tune_args(self) -> list[str]:
        """Names of the arguments currently set to ``tune()``."""
        return [f.name for f in fields(type(self)) if is_tune(getattr(self, f.name))]

    def __repr__(self) -> str:
        return print_step(self)


# ---------------------------------------------------------------------------------------------
# registry: the one piece of module-level state of recipes

_REGISTRY: dict[str, Callable[..., Any]] = {}
_HOSTS: list[type] = []


def register_step(fn: Callable[..., Any] | None = None, *, name: str | None = None, replace: bool = False):
    """Register a step constructor so it chains as a ``Recipe`` method.

    Use as a decorator on a function ``step_xxx(recipe, *selectors, ...) -> Recipe``. The
    function itself stays a free function; ``Recipe`` gets a method of the same name.

    Parameters
    ----------
    fn : callable
        The constructor; its first parameter is the recipe.
    name : str, optional
        Registered name (default ``fn.__name__``); must start with ``"step_"``.
    replace : bool, default False
        Allow replacing a different function already registered under ``name``.

    Returns
    -------
    callable
        ``fn`` unchanged.

    Raises
    ------
    InvalidParameterError
        If the name does not start with ``step_``, is taken by another step (and ``replace`` is
        False), or would shadow a method of ``Recipe``.

    Examples
    --------
    >>> from pytidy.recipes import recipe, register_step, unregister_step
    >>> @register_step
    ... def step_nothing(rec, *selectors):
    ...     '''A step constructor that adds nothing.'''
    ...     return rec
    >>> import pandas as pd
    >>> rec = recipe("y ~ .", pd.DataFrame({"y": [1.0], "x": [2.0]}))
    >>> rec.step_nothing() is rec
    True
    >>> unregister_step("step_nothing")
    """
    if fn is None:
        return lambda f: register_step(f, name=name, replace=replace)
    key = name or fn.__name__
    if not isinstance(key, str) or not key.startswith("step_"):
        raise InvalidParameterError(
            f"register_step(): a step constructor's name must start with 'step_'; got {key!r}. "
            "Rename the function or pass name='step_...'."
        )
    old = _REGISTRY.get(key)
    if old is not None and old is not fn and not replace and getattr(old, "__qualname__", None) != getattr(
        fn, "__qualname__", ""
    ):
        raise InvalidParameterError(
            f"register_step(): {key!r} is already registered (by {old.__module__}). "
            "Pass replace=True to replace it, or choose another name."
        )
    for host in _HOSTS:
        if key not in _REGISTRY and key in dir(host) and not _declared_by_base(host, key):
            raise InvalidParameterError(
                f"register_step(): {key!r} would shadow the method {host.__name__}.{key}; choose another name."
            )
    _REGISTRY[key] = fn
    for host in _HOSTS:
        if not _declared_by_base(host, key):
            setattr(host, key, fn)
    return fn


def unregister_step(name: str) -> None:
    """Remove a registered step constructor (and its ``Recipe`` method).

    Examples
    --------
    >>> unregister_step("step_not_there")
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: unregister_step(): no step is registered as 'step_not_there'.
    """
    if name not in _REGISTRY:
        raise InvalidParameterError(f"unregister_step(): no step is registered as {name!r}.")
    del _REGISTRY[name]
    for host in _HOSTS:
        if name in host.__dict__:
            delattr(host, name)


def registered_steps() -> dict[str, Callable[..., Any]]:
    """A copy of the registry: ``{"step_normalize": step_normalize, ...}``.

    Examples
    --------
    >>> "step_normalize" in registered_steps()
    True
    """
    return dict(_REGISTRY)


def attach_steps(host: type) -> None:
    """Make every registered (and every future) step a method of ``host`` (used by ``Recipe``)."""
    if host not in _HOSTS:
        _HOSTS.append(host)
    for key, fn in _REGISTRY.items():
        if not _declared_by_base(host, key):
            setattr(host, key, fn)


def _declared_by_base(host: type, key: str) -> bool:
    """True when a base class of ``host`` declares ``key`` explicitly: the generated, typed
    ``StepMethods`` mixin of Recipe, whose methods look the function up in the registry."""
    return any(key in vars(base) for base in host.__mro__[1:])


# ---------------------------------------------------------------------------------------------
# helpers


def check_trained(step: Step) -> None:
    """Raise :class:`NotTrainedError` unless ``step`` was prepped (R: ``check_trained``)."""
    if not step.trained:
        raise NotTrainedError(
            f"{step.name}() (id {step.id!r}) has not been trained. "
            "Call prep() on the recipe before bake() or juice()."
        )


def check_new_data(columns: Iterable[str], new_data: pd.DataFrame, step: Step) -> None:
    """Raise naming the columns ``step`` needs that ``new_data`` lacks (R: ``check_new_data``)."""
    have = set(new_data.columns)
    missing = [c for c in columns if c not in have]
    if missing:
        raise InvalidParameterError(
            f"{step.name}() (id {step.id!r}): new_data lacks the column(s) {missing} that the step "
            "was trained on. Pass data with these columns; a step on outcome columns that are absent "
            "at prediction time needs skip=True."
        )


def check_type(
    data: pd.DataFrame, columns: Sequence[str], types: Sequence[str], step: Step
) -> None:
    """Raise unless every column's R type list meets ``types`` (R: ``check_type``).

    Examples
    --------
    >>> from pytidy.recipes.steps.normalize import StepNormalize
    >>> check_type(pd.DataFrame({"x": ["a"]}), ["x"], ["double", "integer"], StepNormalize())
    Traceback (most recent call last):
    ...
    pytidy.errors.InvalidParameterError: step_normalize(): all selected columns must be double or integer; ...
    """
    wanted = set(types)
    bad = {c: column_type(data[c])[0] for c in columns if not wanted.intersection(column_type(data[c]))}
    if bad:
        found = ", ".join(f"{c!r} ({t})" for c, t in bad.items())
        raise InvalidParameterError(
            f"{step.name}(): all selected columns must be {' or '.join(types)}; got {found}. "
            "Narrow the selection, e.g. with all_numeric_predictors()."
        )


def select_columns(step: Step, info: pd.DataFrame) -> tuple[str, ...]:
    """Evaluate the step's ``terms`` against the current variable information."""
    return tuple(eval_select(step.terms, info))


def print_step(step: Step, width: int = 60) -> str:
    """One line like R's ``print_step``: ``Centering and scaling for: a, b [trained]``.

    Examples
    --------
    >>> from pytidy.recipes import all_numeric_predictors
    >>> from pytidy.recipes.steps.normalize import StepNormalize
    >>> print_step(StepNormalize(terms=(all_numeric_predictors(),)))
    'Centering and scaling for: all_numeric_predictors()'
    """
    if step.trained:
        names = list(step.columns or ())
    else:
        names = [repr(t) for t in step.terms]
    text = ", ".join(names) if names else "<none>"
    if len(text) > width:
        text = text[: width - 4].rsplit(", ", 1)[0] + ", ..."
    out = f"{step.description}: {text}"
    if step.trained:
        out += " [trained]"
    if step.skip:
        out += " [skip]"
    return out


def tidy_frame(step: Step, **columns: Sequence[Any] | np.ndarray | pd.Series) -> pd.DataFrame:
    """A tidy frame of ``columns`` with the step's ``id`` appended as the last column.

    Examples
    --------
    >>> from pytidy.recipes.steps.normalize import StepNormalize
    >>> tidy_frame(StepNormalize(id="n"), terms=["x"], value=[1.0])
      terms  value id
    0     x    1.0  n
    """
    frame = pd.DataFrame({k: list(v) for k, v in columns.items()})
    frame["id"] = pd.Series([step.id] * len(frame), dtype=object)
    return frame


def untrained_terms(step: Step) -> list[str]:
    """The ``terms`` column of an untrained step's tidy(): the selectors as text."""
    return [repr(t) for t in step.terms]


def check_new_names(existing: Iterable[str], new_names: Iterable[str], step: Step) -> None:
    """Refuse new columns whose names already exist (R: ``recipes:::check_name()``)."""
    taken = set(existing)
    clash = [n for n in new_names if n in taken]
    if clash:
        raise InvalidParameterError(
            f"{step.name}(): name collision: the new column name(s) {clash} already exist in the data; "
            "rename those columns first (step_rename()) or drop them before this step."
        )


# ---------------------------------------------------------------------------------------------
# shared step classes


@step_class
class ElementwiseStep(Step):
    """A step that replaces each selected double/integer column by ``transform(column)``.

    Subclasses implement :meth:`transform` on a float (n, p) block (``step_sqrt``, ``step_log``,
    ``step_logit``, ``step_invlogit``, ``step_inverse``). ``tidy()`` has one row per column (R:
    ``simple_terms``).
    """

    def transform(self, block: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> ElementwiseStep:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        return evolve(self, trained=True, columns=cols)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        from ._stats import assign_block, numeric_block

        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        return assign_block(new_data, cols, self.transform(numeric_block(new_data, cols)))

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))


@step_class
class FilterStep(Step):
    """A step whose ``prep()`` decides which columns to drop (``removals``); ``step_zv``,
    ``step_nzv``, ``step_corr`` and ``step_lincomb`` share its ``bake``, ``tidy`` and ``repr``.

    At bake the removed columns are dropped where present, so new data need not have them (R).
    ``tidy()`` lists the removed columns once trained, the selectors before. Subclasses set
    ``removed_label``, the text before the removed columns in the trained repr.
    """

    removed_label: ClassVar[str] = "Filter removed"
    tags: ClassVar[StepTags] = StepTags(reads_columns_at_bake=False)

    removals: tuple[str, ...] | None = None

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        drop = [c for c in self.removals or () if c in new_data.columns]
        return new_data.drop(columns=drop) if drop else new_data

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.removals or ())
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def __repr__(self) -> str:
        if not self.trained:
            return super().__repr__()
        removed = ", ".join(self.removals) if self.removals else "<none>"
        return f"{self.removed_label}: {removed} [trained]" + (" [skip]" if self.skip else "")
