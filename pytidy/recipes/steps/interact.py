"""step_interact: interaction (product) columns from a formula (R: ``recipes/R/interact.R``)."""

from __future__ import annotations

import ast
import re
import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError, PytidyWarning
from .. import selectors as _selectors
from ._base import Step, check_new_data, check_trained, register_step, step_class, tidy_frame
from ._stats import numeric_block
from ._stats import append_columns

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepInteract", "step_interact"]

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+)|(?P<name>[A-Za-z_.][A-Za-z0-9_.]*|`[^`]+`)|(?P<op>[-+:*^()~]))")


class _Parser:
    """Recursive-descent reader of R's formula operators ``+ - * : ^ ( ) .`` and selector calls.

    Each expression evaluates to an ordered list of terms; a term is a tuple of variable names.
    """

    def __init__(self, text: str, info: pd.DataFrame, variables: list[str], owner: str) -> None:
        self.text, self.info, self.variables, self.owner = text, info, variables, owner
        self.pos = 0
        self.order: dict[str, int] = {}

    def fail(self, why: str) -> None:
        raise InvalidParameterError(
            f"{self.owner}: cannot read the interaction formula {self.text!r}: {why}. Write it like "
            "'~ a:b', '~ (a + b + c)^2' or \"~ starts_with('x'):c\"."
        )

    def peek(self) -> tuple[str, str] | None:
        m = _TOKEN.match(self.text, self.pos)
        if not m or m.end() == self.pos:
            rest = self.text[self.pos:].strip()
            if rest:
                self.fail(f"unexpected text {rest[:20]!r}")
            return None
        kind = m.lastgroup
        return kind, m.group(kind)

    def take(self) -> tuple[str, str] | None:
        tok = self.peek()
        if tok is not None:
            self.pos = _TOKEN.match(self.text, self.pos).end()
        return tok

    def see(self, op: str) -> bool:
        tok = self.peek()
        return tok is not None and tok == ("op", op)

    def terms_of(self, names: list[str]) -> list[tuple[str, ...]]:
        for n in names:
            self.order.setdefault(n, len(self.order))
        return [(n,) for n in names]

    def parse(self) -> list[tuple[str, ...]]:
        if self.see("~"):
            self.take()
        out = self.sum()
        if self.peek() is not None:
            self.fail(f"unexpected {self.peek()[1]!r}")
        return out

    def sum(self) -> list[tuple[str, ...]]:
        out = self.product()
        while self.see("+") or self.see("-"):
            op = self.take()[1]
            rhs = self.product()
            if op == "+":
                out = _union(out, rhs)
            else:
                drop = {frozenset(t) for t in rhs}
                out = [t for t in out if frozenset(t) not in drop]
        return out

    def product(self) -> list[tuple[str, ...]]:
        out = self.colon()
        while self.see("*"):
            self.take()
            rhs = self.colon()
            out = _union(_union(out, rhs), _cross(out, rhs))
        return out

    def colon(self) -> list[tuple[str, ...]]:
        out = self.power()
        while self.see(":"):
            self.take()
            out = _cross(out, self.power())
        return out

    def power(self) -> list[tuple[str, ...]]:
        base = self.atom()
        if self.see("^"):
            self.take()
            tok = self.take()
            if tok is None or tok[0] != "num" or int(tok[1]) < 1:
                self.fail("'^' needs a positive whole number")
            out = base
            for _ in range(int(tok[1]) - 1):
                out = _union(_union(out, base), _cross(out, base))
            return out
        return base

    def atom(self) -> list[tuple[str, ...]]:
        tok = self.take()
        if tok is None:
            self.fail("it ends too early")
        kind, value = tok
        if (kind, value) == ("op", "("):
            out = self.sum()
            if not self.see(")"):
                self.fail("a '(' is not closed")
            self.take()
            return out
        if (kind, value) == ("op", "-"):  # leading minus, e.g. "~ . - y" handled by sum(); "-a" alone
            return []
        if kind != "name":
            self.fail(f"unexpected {value!r}")
        if value == ".":
            return self.terms_of(list(self.variables))
        name = value.strip("`")
        if self.see("("):
            return self.terms_of(self.selector_call(name))
        if name not in self.variables:
            raise InvalidParameterError(
                f"{self.owner}: the interaction formula uses {name!r}, which is not a column of the data "
                f"at this step. Available columns: {self.variables[:20]}."
            )
        return self.terms_of([name])

    def selector_call(self, name: str) -> list[str]:
        start = self.text.index("(", self.pos)
        depth, quote, i = 0, None, start
        while i < len(self.text):
            ch = self.text[i]
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if depth != 0:
            self.fail(f"the call {name}( is not closed")
        self.pos = i + 1
        call = name + self.text[start:self.pos].strip()
        public = set(_selectors.__all__) - {"eval_select"}
        try:
            node = ast.parse(call, mode="eval").body
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in public:
                raise ValueError
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
        except (SyntaxError, ValueError):
            self.fail(f"{call!r} is not a selector call with literal arguments (selectors: starts_with(), "
                      "all_numeric_predictors(), ...)")
        sel = getattr(_selectors, name)(*args, **kwargs)
        return [c for c in _selectors.eval_select([sel], self.info) if c in self.variables]


def _union(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen = {frozenset(t) for t in a}
    out = list(a)
    for t in b:
        if frozenset(t) not in seen:
            seen.add(frozenset(t))
            out.append(t)
    return out


def _cross(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for tb in b:
        for ta in a:
            out = _union(out, [tuple(dict.fromkeys(ta + tb))])
    return out


def interaction_terms(formula: str, info: pd.DataFrame, variables: list[str],
                      owner: str = "step_interact()") -> list[tuple[str, ...]]:
    """The interaction terms (two or more variables) of ``formula``, ordered as R's ``terms()``.

    Variables within a term follow their first appearance in the formula; terms are sorted by
    their order (two-way before three-way), then by appearance.

    Examples
    --------
    >>> info = pd.DataFrame({"variable": ["a", "b", "c"], "type": [("double", "numeric")] * 3,
    ...                      "role": ["predictor"] * 3, "source": "original"})
    >>> interaction_terms("~ (a + b + c)^2", info, ["a", "b", "c"])
    [('a', 'b'), ('a', 'c'), ('b', 'c')]
    >>> interaction_terms("~ a*b + starts_with('c'):a", info, ["a", "b", "c"])
    [('a', 'b'), ('a', 'c')]
    """
    parser = _Parser(formula, info, variables, owner)
    terms = parser.parse()
    ordered = [tuple(sorted(t, key=parser.order.__getitem__)) for t in terms if len(t) > 1]
    return sorted(ordered, key=len)


@step_class
class StepInteract(Step):
    """Trained state: ``objects`` (the interaction terms) and ``levels`` of factor variables."""

    name: ClassVar[str] = "step_interact"
    description: ClassVar[str] = "Interactions with"

    formula: str | None = None
    role: str = "predictor"
    sep: str = "_x_"
    keep_original_cols: bool = True
    objects: tuple[tuple[str, ...], ...] | None = None
    levels: dict[str, tuple[Any, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepInteract:
        if self.formula is None:
            return evolve(self, trained=True, columns=(), objects=(), levels={})
        objects = tuple(interaction_terms(self.formula, info, list(training.columns)))
        cols = tuple(dict.fromkeys(v for t in objects for v in t))
        levels = {}
        for c in cols:
            if isinstance(training[c].dtype, pd.CategoricalDtype):
                levels[c] = tuple(training[c].cat.categories.tolist())
            elif not (pd.api.types.is_numeric_dtype(training[c]) or pd.api.types.is_bool_dtype(training[c])):
                raise InvalidParameterError(
                    f"step_interact(): column {c!r} is neither numeric nor a factor; interactions need numbers."
                )
        if levels:
            warnings.warn(
                f"step_interact(): categorical variables {sorted(levels)} used in step_interact() should probably "
                "be avoided; this can lead to differences in dummy variable values that are produced by "
                "step_dummy(). Please convert all involved variables to dummy variables first.",
                PytidyWarning,
                stacklevel=3,
            )
        return evolve(self, trained=True, columns=cols, objects=objects, levels=levels)

    def _parts(self, new_data: pd.DataFrame, var: str) -> tuple[np.ndarray, list[str]]:
        if var in self.levels:
            lv = list(self.levels[var])
            codes = pd.Categorical(new_data[var], categories=lv).codes
            mat = (codes[:, None] == np.arange(1, len(lv))[None, :]).astype(float)
            mat[codes < 0] = np.nan
            return mat, [f"{var}{level}" for level in lv[1:]]
        return numeric_block(new_data, [var]), [var]

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not self.objects:
            return new_data
        parts = {v: self._parts(new_data, v) for v in cols}
        new: dict[str, np.ndarray] = {}
        for term in self.objects:
            mat, names = parts[term[0]]
            for var in term[1:]:
                m2, n2 = parts[var]
                # R's model.matrix: the first variable's columns vary fastest
                mat = (mat[:, :, None] * m2[:, None, :]).transpose(0, 2, 1).reshape(len(new_data), mat.shape[1] * m2.shape[1])
                names = [f"{a}:{b}" for b in n2 for a in names]
            for k, nm in enumerate(names):
                new[nm.replace(":", self.sep)] = np.ascontiguousarray(mat[:, k])
        return append_columns(new_data, new, cols, self.keep_original_cols, self)

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = [] if self.formula is None else [self.formula]
        else:
            terms = [":".join(t) for t in self.objects]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object))

    def __repr__(self) -> str:
        if not self.trained:
            return super().__repr__() if self.formula is None else (
                f"{self.description}: {self.formula}" + (" [skip]" if self.skip else ""))
        text = ", ".join(":".join(t) for t in self.objects) or "<none>"
        return f"{self.description}: {text} [trained]" + (" [skip]" if self.skip else "")


@register_step
def step_interact(recipe: Recipe, terms: str | None = None, *, role: str = "predictor", sep: str = "_x_",
                  keep_original_cols: bool = True, skip: bool = False, id: str | None = None) -> Recipe:
    """Add interaction (product) columns described by a formula.

    R: ``step_interact(recipe, terms, role = "predictor", sep = "_x_", keep_original_cols = TRUE)``.
    ``terms`` is a one-sided formula string using ``:``, ``*``, ``+``, ``-``, ``(...)^k`` and
    ``.`` (every current column), where selector calls such as ``starts_with('x')`` or
    ``all_numeric_predictors()`` stand for the sum of the columns they select (R). Only the
    interaction terms are added, named like ``model.matrix`` columns with ``:`` replaced by
    ``sep`` (``a_x_b``). Factor columns are expanded with treatment contrasts (``var`` + level)
    with a warning, as in R; better make dummy variables first with :func:`step_dummy`.

    Parameters
    ----------
    recipe : Recipe
    terms : str
        The formula, e.g. ``"~ a:b"`` or ``"~ starts_with('x'):c"``.
    role : str, default "predictor"
    sep : str, default "_x_"
        Replaces ``:`` in the new column names.
    keep_original_cols : bool, default True
    skip : bool, default False
    id : str, optional
        Default ``"interact_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "a": [1.0, 2.0], "b": [3.0, 4.0], "c": [5.0, 6.0]})
    >>> recipe("y ~ .", df).step_interact("~ a:b + starts_with('c'):a").prep().bake(None)
         a    b    c    y  a_x_b  a_x_c
    0  1.0  3.0  5.0  0.0    3.0    5.0
    1  2.0  4.0  6.0  1.0    8.0   12.0
    """
    if terms is not None and (not isinstance(terms, str) or not terms.strip()):
        raise InvalidParameterError(
            f"`terms` in step_interact() must be a formula string such as '~ a:b'; got {terms!r}."
        )
    if not isinstance(sep, str):
        raise InvalidParameterError(f"`sep` in step_interact() must be a string; got {sep!r}.")
    check_bool(keep_original_cols, "keep_original_cols", "step_interact()")
    check_bool(skip, "skip", "step_interact()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_interact() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepInteract(formula=terms, role=role, sep=sep, keep_original_cols=keep_original_cols,
                                        skip=skip, id=id))
