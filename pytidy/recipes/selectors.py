"""Selectors: which columns a step works on (R: ``recipes/R/selections.R`` and tidyselect).

A selector is a small frozen description, evaluated when a recipe is prepped against the
*current* variable information (``term_info``: variable, type, role, source). Plain strings name
columns. ``-sel`` or ``not_(sel)`` removes columns; if the first term is negative, selection
starts from every column (tidyselect's rule).

Examples
--------
>>> import pandas as pd
>>> from pytidy.recipes import recipe
>>> df = pd.DataFrame({"y": [1.0, 2.0], "a": [1, 2], "b": ["u", "v"], "ab": [0.5, 0.1]})
>>> rec = recipe("y ~ .", df)
>>> eval_select([all_numeric_predictors()], rec.var_info)
['a', 'ab']
>>> eval_select([starts_with("a"), -contains("b")], rec.var_info)
['a']
>>> eval_select([-all_outcomes()], rec.var_info)
['a', 'b', 'ab']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
from attrs import evolve, field, frozen

from ..errors import InvalidParameterError

__all__ = [
    "Selector",
    "eval_select",
    "all_predictors",
    "all_outcomes",
    "all_numeric",
    "all_numeric_predictors",
    "all_nominal",
    "all_nominal_predictors",
    "all_double",
    "all_double_predictors",
    "all_integer",
    "all_integer_predictors",
    "all_factor",
    "all_factor_predictors",
    "all_ordered",
    "all_ordered_predictors",
    "all_unordered",
    "all_unordered_predictors",
    "all_string",
    "all_string_predictors",
    "all_date",
    "all_date_predictors",
    "all_datetime",
    "all_datetime_predictors",
    "all_logical",
    "all_logical_predictors",
    "has_role",
    "has_type",
    "starts_with",
    "ends_with",
    "contains",
    "matches",
    "one_of",
    "all_of",
    "any_of",
    "everything",
    "not_",
]


def _tuple(x: Any) -> tuple:
    if isinstance(x, str):
        return (x,)
    return tuple(x)


def _as_tuple(args: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(args)


@frozen
class Selector:
    """One selector call, such as ``all_numeric_predictors()`` or ``starts_with("x")``.

    Attributes
    ----------
    fn : str
        The selector's name; its rule lives in a table keyed by this name.
    args : tuple
        The arguments it was called with (kept for ``repr`` and pickling).
    negated : bool
        ``True`` for ``-sel`` / ``not_(sel)``: the columns are removed from the selection.
    """

    fn: str
    args: tuple[Any, ...] = field(default=(), converter=_as_tuple)
    negated: bool = False

    def __neg__(self) -> Selector:
        return evolve(self, negated=not self.negated)

    def __repr__(self) -> str:
        inner = ", ".join(repr(a) for a in self.args)
        text = str(self.args[0]) if self.fn == "name" else f"{self.fn}({inner})"
        return ("-" if self.negated else "") + text

    def select(self, info: pd.DataFrame) -> list[str]:
        """The columns this selector matches (ignoring negation), in ``info``'s order."""
        return _RULES[self.fn](info, *self.args)


# ---------------------------------------------------------------------------------------------
# rules: each takes the info frame (one row per variable and role) and returns ordered names


def _variables(info: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(info["variable"]))


def _where(info: pd.DataFrame, keep: Callable[[Any, Any], bool]) -> list[str]:
    out: dict[str, None] = {}
    for var, types, role in zip(info["variable"], info["type"], info["role"]):
        if keep(types, role):
            out[var] = None
    return list(out)


def _rule_type(info: pd.DataFrame, types: tuple, role: str | None) -> list[str]:
    wanted = set(types)
    return _where(info, lambda t, r: bool(wanted.intersection(t)) and (role is None or r == role))


def _rule_role(info: pd.DataFrame, roles: tuple) -> list[str]:
    wanted = set(roles)
    return _where(info, lambda t, r: r in wanted or (r is None and None in wanted))


def _rule_name(info: pd.DataFrame, name: str) -> list[str]:
    if name not in set(info["variable"]):
        known = _variables(info)
        raise InvalidParameterError(
            f"Can't select column {name!r}: it does not exist at this point of the recipe. "
            f"Available columns: {known[:20]}{' ...' if len(known) > 20 else ''}."
        )
    return [name]


def _rule_pattern(info: pd.DataFrame, kind: str, patterns: tuple, ignore_case: bool) -> list[str]:
    variables = _variables(info)
    out = []
    for var in variables:
        v = var.lower() if ignore_case else var
        for p in patterns:
            q = p.lower() if ignore_case and kind != "matches" else p
            if kind == "starts_with":
                hit = v.startswith(q)
            elif kind == "ends_with":
                hit = v.endswith(q)
            elif kind == "contains":
                hit = q in v
            else:
                hit = re.search(p, var, flags=re.IGNORECASE if ignore_case else 0) is not None
            if hit:
                out.append(var)
                break
    return out


def _rule_names(info: pd.DataFrame, names: tuple, strict: bool, fn: str) -> list[str]:
    variables = _variables(info)
    missing = [n for n in names if n not in set(variables)]
    if missing and strict:
        raise InvalidParameterError(
            f"{fn}() can't select column(s) {missing}: they do not exist at this point of the recipe. "
            "Use any_of() to ignore names that may be absent."
        )
    return [n for n in dict.fromkeys(names) if n in set(variables)]


_RULES: dict[str, Callable[..., list[str]]] = {
    "name": _rule_name,
    "everything": lambda info: _variables(info),
    "has_role": lambda info, roles: _rule_role(info, roles),
    "has_type": lambda info, types: _rule_type(info, types, None),
    "all_predictors": lambda info: _rule_role(info, ("predictor",)),
    "all_outcomes": lambda info: _rule_role(info, ("outcome",)),
    "starts_with": lambda info, p, ic: _rule_pattern(info, "starts_with", p, ic),
    "ends_with": lambda info, p, ic: _rule_pattern(info, "ends_with", p, ic),
    "contains": lambda info, p, ic: _rule_pattern(info, "contains", p, ic),
    "matches": lambda info, p, ic: _rule_pattern(info, "matches", p, ic),
    "all_of": lambda info, names: _rule_names(info, names, True, "all_of"),
    "any_of": lambda info, names: _rule_names(info, names, False, "any_of"),
    "one_of": lambda info, names: _rule_names(info, names, True, "one_of"),
}

# all_<type>() and all_<type>_predictors(): (R type matched, selector name)
_TYPE_SELECTORS = {
    "all_numeric": "numeric",
    "all_nominal": "nominal",
    "all_double": "double",
    "all_integer": "integer",
    "all_factor": "factor",
    "all_ordered": "ordered",
    "all_unordered": "unordered",
    "all_string": "string",
    "all_date": "date",
    "all_datetime": "datetime",
    "all_logical": "logical",
}
for _name, _type in _TYPE_SELECTORS.items():
    _RULES[_name] = (lambda t: lambda info: _rule_type(info, (t,), None))(_type)
    _RULES[_name + "_predictors"] = (lambda t: lambda info: _rule_type(info, (t,), "predictor"))(_type)


def as_selector(term: Selector | str) -> Selector:
    """Turn a column name into a selector; pass selectors through; reject anything else."""
    if isinstance(term, Selector):
        return term
    if isinstance(term, str):
        return Selector("name", (term,))
    raise InvalidParameterError(
        f"A selector must be a column name (str) or a selector such as all_numeric_predictors(); "
        f"got {term!r} of type {type(term).__name__}."
    )


def eval_select(terms: Sequence[Selector | str], info: pd.DataFrame) -> list[str]:
    """Evaluate selectors against variable information; return the selected column names.

    Parameters
    ----------
    terms : sequence of Selector or str
        Evaluated left to right: positive terms add columns (in the order they match), negative
        ones remove columns. If the first term is negative, the selection starts from all columns.
    info : DataFrame
        ``var_info``/``term_info``-shaped frame with ``variable``, ``type`` and ``role`` columns.

    Returns
    -------
    list of str

    Examples
    --------
    >>> info = pd.DataFrame({"variable": ["y", "x"], "type": [("double", "numeric")] * 2,
    ...                      "role": ["outcome", "predictor"], "source": "original"})
    >>> eval_select(["x", "y"], info)
    ['x', 'y']
    """
    chosen: dict[str, None] = {}
    for i, term in enumerate(terms):
        sel = as_selector(term)
        cols = sel.select(info)
        if sel.negated:
            if i == 0:
                chosen = dict.fromkeys(_variables(info))
            for c in cols:
                chosen.pop(c, None)
        else:
            for c in cols:
                chosen.setdefault(c, None)
    return list(chosen)


# ---------------------------------------------------------------------------------------------
# public constructors


def _make(fn: str, doc: str) -> Callable[[], Selector]:
    def make() -> Selector:
        return Selector(fn)

    make.__name__ = make.__qualname__ = fn
    make.__doc__ = doc
    return make


all_predictors = _make(
    "all_predictors",
    """Columns with the role ``"predictor"`` (R: ``all_predictors()``).

    Examples
    --------
    >>> all_predictors()
    all_predictors()
    """,
)
all_outcomes = _make(
    "all_outcomes",
    """Columns with the role ``"outcome"`` (R: ``all_outcomes()``).

    Examples
    --------
    >>> -all_outcomes()
    -all_outcomes()
    """,
)
everything = _make(
    "everything",
    """Every current column (tidyselect's ``everything()``).

    Examples
    --------
    >>> everything()
    everything()
    """,
)

for _name, _type in _TYPE_SELECTORS.items():
    for _suffix, _extra in (("", ""), ("_predictors", ' that also have the role ``"predictor"``')):
        globals()[_name + _suffix] = _make(
            _name + _suffix,
            f"""Columns whose R type list contains ``"{_type}"``{_extra} (R: ``{_name}{_suffix}()``).

    Examples
    --------
    >>> {_name}{_suffix}()
    {_name}{_suffix}()
    """,
        )
del _name, _type, _suffix, _extra


def has_role(match: str | Iterable[str] = "predictor") -> Selector:
    """Columns having any of the roles ``match`` (R: ``has_role()``).

    Examples
    --------
    >>> has_role("id variable")
    has_role(('id variable',))
    """
    return Selector("has_role", (_tuple(match),))


def has_type(match: str | Iterable[str] = "numeric") -> Selector:
    """Columns whose type list contains any of ``match`` (R: ``has_type()``).

    Examples
    --------
    >>> has_type(["double", "logical"])
    has_type(('double', 'logical'))
    """
    return Selector("has_type", (_tuple(match),))


def starts_with(match: str | Iterable[str], ignore_case: bool = True) -> Selector:
    """Columns whose name starts with any of ``match`` (tidyselect; case-insensitive by default).

    Examples
    --------
    >>> starts_with("x")
    starts_with(('x',), True)
    """
    return Selector("starts_with", (_tuple(match), ignore_case))


def ends_with(match: str | Iterable[str], ignore_case: bool = True) -> Selector:
    """Columns whose name ends with any of ``match`` (tidyselect).

    Examples
    --------
    >>> ends_with("_mm")
    ends_with(('_mm',), True)
    """
    return Selector("ends_with", (_tuple(match), ignore_case))


def contains(match: str | Iterable[str], ignore_case: bool = True) -> Selector:
    """Columns whose name contains any of the literal strings ``match`` (tidyselect).

    Examples
    --------
    >>> contains("length")
    contains(('length',), True)
    """
    return Selector("contains", (_tuple(match), ignore_case))


def matches(match: str | Iterable[str], ignore_case: bool = True) -> Selector:
    """Columns whose name matches any of the regular expressions ``match`` (``re.search``).

    Examples
    --------
    >>> matches(r"^x\\d$")
    matches(('^x\\\\d$',), True)
    """
    return Selector("matches", (_tuple(match), ignore_case))


def all_of(names: str | Iterable[str]) -> Selector:
    """Exactly these columns; an absent name is an error (tidyselect ``all_of()``).

    Examples
    --------
    >>> all_of(["a", "b"])
    all_of(('a', 'b'))
    """
    return Selector("all_of", (_tuple(names),))


def any_of(names: str | Iterable[str]) -> Selector:
    """These columns where present; absent names are ignored (tidyselect ``any_of()``).

    Examples
    --------
    >>> any_of(["a", "zzz"])
    any_of(('a', 'zzz'))
    """
    return Selector("any_of", (_tuple(names),))


def one_of(*names: str) -> Selector:
    """These columns (superseded tidyselect ``one_of()``; here absent names are an error).

    Examples
    --------
    >>> one_of("a", "b")
    one_of(('a', 'b'))
    """
    flat: list[str] = []
    for n in names:
        flat.extend(_tuple(n))
    return Selector("one_of", (tuple(flat),))


def not_(term: Selector | str) -> Selector:
    """Remove the columns ``term`` selects (tidyselect's ``-term``; Python spells it ``-sel``).

    Examples
    --------
    >>> not_("id")
    -id
    """
    return -as_selector(term)
