"""Sets of tuning parameters: :class:`ParameterSet` and :func:`parameters` (R: dials ``R/parameters.R``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pandas as pd
from attrs import evolve, field, frozen

from .._converters import as_tuple
from ..errors import InvalidParameterError
from .finalize import finalize as _finalize
from .parameter import QualParam, has_unknowns, is_param

__all__ = ["ParameterSet", "parameters"]

_COLUMNS = ("name", "id", "source", "component", "component_id", "object")


def _plural(items: Sequence[str]) -> str:
    q = [f"`{i}`" for i in items]
    if len(q) <= 2:
        return " and ".join(q)
    return ", ".join(q[:-1]) + ", and " + q[-1]


def _type_sum(obj: Any) -> str:
    """R's ``pillar::type_sum`` of a param: ``nparam[+]``, ``dparam[?]``, or ``missing``."""
    if obj is None:
        return "missing"
    kind = "dparam" if isinstance(obj, QualParam) else "nparam"
    return kind + ("[?]" if has_unknowns(obj) else "[+]")


@frozen
class ParameterSet:
    """A collection of tuning parameters, one row per parameter (R: class ``parameters``).

    Each row has a ``name`` (the argument), a unique ``id`` (the ``tune("id")`` label, else the
    name), a ``source`` ("model_spec", "recipe" or "list"), the ``component`` (model or step),
    its ``component_id`` and the parameter ``object`` (a :class:`QuantParam`/:class:`QualParam`,
    or None when no parameter object is known yet). Build one with :func:`parameters`, from a
    workflow with ``wf.parameters()``, or from row dicts with :meth:`from_rows`. Every verb
    returns a new set.

    Examples
    --------
    >>> from pytidy.dials import mtry, penalty
    >>> ps = parameters(mtry(), penalty())
    >>> ps.ids
    ['mtry', 'penalty']
    >>> ps
    Collection of 2 parameters for tuning
    <BLANKLINE>
     identifier    type    object
           mtry    mtry nparam[?]
        penalty penalty nparam[+]
    <BLANKLINE>
    Parameters needing finalization:
       # Randomly Selected Predictors ('mtry')
    <BLANKLINE>
    See finalize() or ParameterSet.update() for more information.
    """

    name: tuple[str, ...] = field(converter=as_tuple)
    id: tuple[str, ...] = field(converter=as_tuple)
    source: tuple[str, ...] = field(converter=as_tuple)
    component: tuple[str, ...] = field(converter=as_tuple)
    component_id: tuple[str, ...] = field(converter=as_tuple)
    object: tuple[Any, ...] = field(converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        cols = {c: getattr(self, c) for c in _COLUMNS}
        sizes = {len(v) for v in cols.values()}
        if len(sizes) > 1:
            raise InvalidParameterError(
                "ParameterSet: all columns (name, id, source, component, component_id, object) must have the "
                f"same number of elements; got {[len(v) for v in cols.values()]}."
            )
        for c in _COLUMNS[:-1]:
            bad = [v for v in cols[c] if not isinstance(v, str)]
            if bad:
                raise InvalidParameterError(f"ParameterSet: `{c}` must hold strings; got {bad[0]!r}.")
        seen: set[str] = set()
        dups = [i for i in self.id if i in seen or seen.add(i)]  # type: ignore[func-returns-value]
        if dups:
            raise InvalidParameterError(
                f"ParameterSet: `id` must have unique values. Duplicates: {sorted(set(dups))}. "
                'Give the parameters distinct ids, e.g. tune("id") or parameters(my_id=param).'
            )
        for i, obj in zip(self.id, self.object):
            if obj is not None and not is_param(obj):
                raise InvalidParameterError(
                    f"ParameterSet: the object of `{i}` must be a dials parameter or None; "
                    f"got {type(obj).__name__}: {obj!r}."
                )

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]]) -> ParameterSet:
        """Build a set from dicts with keys ``name, id, source, component, component_id, object``.

        Examples
        --------
        >>> from pytidy.dials import penalty
        >>> row = dict(name="penalty", id="penalty", source="model_spec", component="linear_reg",
        ...            component_id="main", object=penalty())
        >>> ParameterSet.from_rows([row]).ids
        ['penalty']
        """
        rows = list(rows)
        for k, row in enumerate(rows):
            if not isinstance(row, Mapping):
                raise InvalidParameterError(f"ParameterSet.from_rows(): row {k} must be a dict; got {row!r}.")
            missing = [c for c in _COLUMNS if c not in row]
            if missing:
                raise InvalidParameterError(
                    f"ParameterSet.from_rows(): row {k} lacks the key(s) {missing}; each row needs {list(_COLUMNS)}."
                )
        return cls(**{c: [row[c] for row in rows] for c in _COLUMNS})

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self.id)

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the parameter objects, in set order."""
        return iter(self.object)

    def __getitem__(self, id: str) -> Any:
        """The parameter object with this id."""
        if id not in self.id:
            raise KeyError(f"No parameter with id {id!r} in the set; ids are {list(self.id)}.")
        return self.object[self.id.index(id)]

    @property
    def ids(self) -> list[str]:
        """The parameter ids, in set order (the grid's column names)."""
        return list(self.id)

    @property
    def names(self) -> list[str]:
        """The argument names, in set order."""
        return list(self.name)

    @property
    def objects(self) -> list[Any]:
        """The parameter objects, in set order."""
        return list(self.object)

    def to_frame(self) -> pd.DataFrame:
        """The set as a DataFrame with R's columns ``name, id, source, component, component_id, object``.

        Examples
        --------
        >>> from pytidy.dials import penalty
        >>> list(parameters(penalty()).to_frame().columns)
        ['name', 'id', 'source', 'component', 'component_id', 'object']
        """
        data = {c: pd.Series(list(getattr(self, c)), dtype=object) for c in _COLUMNS}
        return pd.DataFrame(data)

    def has_unknowns(self) -> bool:
        """Does any parameter still have an unknown bound (see :meth:`finalize`)?"""
        return any(has_unknowns(o) for o in self.object)

    # ------------------------------------------------------------------ verbs

    def update(self, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> ParameterSet:
        """Replace parameter objects by id; returns a new set (R: ``update.parameters``).

        Parameters
        ----------
        params : dict, optional
            ``{id: param}``, for ids that are not Python identifiers.
        **kwargs : QuantParam, QualParam or None
            ``id=param``. None marks the parameter as lacking an object (R's ``NA``).

        Examples
        --------
        >>> from pytidy.dials import mtry, penalty
        >>> ps = parameters(mtry(), penalty()).update(mtry=mtry(range=(1, 5)))
        >>> ps["mtry"].range
        (1, 5)
        """
        args: dict[Any, Any] = {}
        if params is not None:
            if not isinstance(params, Mapping):
                raise InvalidParameterError(
                    "All arguments to ParameterSet.update() should be named: pass id=param (or one dict "
                    f"{{id: param}}); got a positional {type(params).__name__}."
                )
            args.update(params)
        args.update(kwargs)
        if not args:
            raise InvalidParameterError(
                "Please supply at least one parameter object to ParameterSet.update(), e.g. "
                ".update(mtry=mtry(range=(1, 10)))."
            )
        unnamed = [k for k in args if not isinstance(k, str) or not k]
        if unnamed:
            raise InvalidParameterError(f"All arguments to ParameterSet.update() should be named; got keys {unnamed}.")
        unmatched = [k for k in args if k not in self.id]
        if unmatched:
            raise InvalidParameterError(
                f"At least one parameter does not match any id's in the set: {', '.join(unmatched)}. "
                f"The set's ids are: {', '.join(self.id)}."
            )
        bad = [k for k, v in args.items() if v is not None and not is_param(v)]
        if bad:
            raise InvalidParameterError(
                f"At least one parameter is not a dials parameter object or None: {', '.join(bad)}. "
                "Pass objects such as mtry(range=(1, 10))."
            )
        objs = list(self.object)
        for k, v in args.items():
            objs[self.id.index(k)] = v
        return evolve(self, object=objs)

    def finalize(self, x: Any, force: bool = True) -> ParameterSet:
        """Fill unknown bounds from the predictors ``x``; returns a new set (R: ``finalize.parameters``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy.dials import mtry
        >>> parameters(mtry()).finalize(pd.DataFrame({"a": [1], "b": [2]}))["mtry"].range
        (1, 2)
        """
        return evolve(self, object=[_finalize(o, x, force) for o in self.object])

    # ------------------------------------------------------------------ grids

    def grid_regular(self, levels: Any = 3, original: bool = True, filter: Any = None) -> pd.DataFrame:
        """A regular grid over the set; see :func:`pytidy.dials.grid_regular`."""
        from .grids import grid_regular

        return grid_regular(self, levels=levels, original=original, filter=filter)

    def grid_random(
        self, size: int = 5, original: bool = True, filter: Any = None, seed: Any = None
    ) -> pd.DataFrame:
        """A random grid over the set; see :func:`pytidy.dials.grid_random`."""
        from .grids import grid_random

        return grid_random(self, size=size, original=original, filter=filter, seed=seed)

    def grid_max_entropy(
        self, size: int = 3, original: bool = True, variogram_range: float = 0.5, iter: int = 1000,
        seed: Any = None,
    ) -> pd.DataFrame:
        """A maximum-entropy design over the set; see :func:`pytidy.dials.grid_max_entropy`."""
        from .grids import grid_max_entropy

        return grid_max_entropy(self, size=size, original=original, variogram_range=variogram_range,
                                iter=iter, seed=seed)

    def grid_latin_hypercube(self, size: int = 3, original: bool = True, seed: Any = None) -> pd.DataFrame:
        """A Latin hypercube over the set; see :func:`pytidy.dials.grid_latin_hypercube`."""
        from .grids import grid_latin_hypercube

        return grid_latin_hypercube(self, size=size, original=original, seed=seed)

    def grid_space_filling(
        self, size: int = 5, type: str = "any", variogram_range: float = 0.5, iter: int = 1000,
        original: bool = True, seed: Any = None,
    ) -> pd.DataFrame:
        """A space-filling design over the set; see :func:`pytidy.dials.grid_space_filling`."""
        from .grids import grid_space_filling

        return grid_space_filling(self, size=size, type=type, variogram_range=variogram_range, iter=iter,
                                  original=original, seed=seed)

    # ------------------------------------------------------------------ printing

    def __repr__(self) -> str:
        rows = [("identifier", "type", "object")] + [
            (i, n, _type_sum(o)) for i, n, o in zip(self.id, self.name, self.object)
        ]
        widths = [max(len(r[c]) for r in rows) for c in range(3)]
        table = [" " + " ".join(r[c].rjust(widths[c]) for c in range(3)) for r in rows]
        out = [f"Collection of {len(self)} parameters for tuning", "", *table, ""]
        missing = [i for i, o in zip(self.id, self.object) if o is None]
        if missing:
            if len(missing) == 1:
                out += [f"The parameter {_plural(missing)} needs a param object.", ""]
            else:
                out += [f"The parameters {_plural(missing)} need param objects.", ""]
        not_final = [(s, o.label, i) for i, s, o in zip(self.id, self.source, self.object)
                     if o is not None and has_unknowns(o)]
        if not_final:
            for src, title in (("model_spec", "Model parameters"), ("recipe", "Recipe parameters"),
                               ("list", "Parameters")):
                notes = [f"   {lab} ('{i}')" for s, lab, i in not_final if s == src]
                if notes:
                    out += [f"{title} needing finalization:", *notes, ""]
            other = [f"   {lab} ('{i}')" for s, lab, i in not_final
                     if s not in ("model_spec", "recipe", "list")]
            if other:
                out += ["Other parameters needing finalization:", *other, ""]
            out.append("See finalize() or ParameterSet.update() for more information.")
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out)


def _collect(args: tuple[Any, ...], kwargs: dict[str, Any], owner: str) -> tuple[list[str | None], list[Any]]:
    """Flatten params, lists, dicts and sets of params into (ids, objects); ids None = use the name."""
    ids: list[str | None] = []
    objs: list[Any] = []
    position = 0

    def add(key: str | None, obj: Any) -> None:
        nonlocal position
        position += 1
        if not is_param(obj):
            what = f"`{key}`" if key else f"Argument {position}"
            raise InvalidParameterError(
                f"{owner}: {what} must be a dials parameter object (e.g. penalty()); "
                f"got {type(obj).__name__}: {obj!r}."
            )
        ids.append(key)
        objs.append(obj)

    for a in args:
        if isinstance(a, ParameterSet):
            for i, o in zip(a.id, a.object):
                add(i, o)
        elif isinstance(a, Mapping):
            for k, v in a.items():
                add(str(k), v)
        elif isinstance(a, (list, tuple)):
            for v in a:
                add(None, v)
        else:
            add(None, a)
    for k, v in kwargs.items():
        add(k, v)
    return ids, objs


def parameters(*params: Any, **named: Any) -> ParameterSet:
    """Collect parameter objects into a :class:`ParameterSet` (R: ``parameters()``).

    Parameters
    ----------
    *params : QuantParam, QualParam, list or dict of them
        A dict's keys (and keyword names) become the ids; otherwise each parameter's name is its id.
    **named : QuantParam or QualParam
        ``id=param``.

    Returns
    -------
    ParameterSet
        With ``source="list"`` and ``component``/``component_id`` ``"unknown"``, as in R.

    Examples
    --------
    >>> from pytidy.dials import penalty, mixture
    >>> parameters(penalty(), mix=mixture()).ids
    ['penalty', 'mix']
    """
    if not params and not named:
        raise InvalidParameterError("No input provided. Please supply at least one parameter object to parameters().")
    if len(params) == 1 and not named and isinstance(params[0], ParameterSet):
        return params[0]
    if len(params) == 1 and not named and hasattr(params[0], "extract_parameter_set_dials"):
        # R: parameters(workflow) / parameters(model_spec) / parameters(recipe)
        return params[0].extract_parameter_set_dials()
    if len(params) == 1 and isinstance(params[0], pd.DataFrame):
        raise InvalidParameterError("parameters(): a parameter set cannot be created from a DataFrame.")
    ids, objs = _collect(params, named, "parameters()")
    names = [o.name for o in objs]
    full_ids = [i if i else n for i, n in zip(ids, names)]
    n = len(objs)
    return ParameterSet(name=names, id=full_ids, source=["list"] * n, component=["unknown"] * n,
                        component_id=["unknown"] * n, object=objs)
