"""Formulas to model inputs (R: hardhat's ``mold()``/``forge()`` with a formula blueprint)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._checks import check_columns
from ..errors import InvalidParameterError

_NAME = re.compile(r"^`[^`]+`$|^[A-Za-z_.][A-Za-z0-9_.]*$")


def _unquote(term: str) -> str:
    term = term.strip()
    return term[1:-1] if term.startswith("`") and term.endswith("`") else term


def _split_terms(side: str) -> list[tuple[str, str]]:
    """Split ``a + b - c`` into (sign, term) pairs, respecting backticks."""
    out, sign, buf, in_tick = [], "+", "", False
    for ch in side:
        if ch == "`":
            in_tick = not in_tick
        if ch in "+-" and not in_tick:
            if buf.strip():
                out.append((sign, buf.strip()))
            sign, buf = ch, ""
        else:
            buf += ch
    if buf.strip():
        out.append((sign, buf.strip()))
    return out


def parse_formula(formula: str, columns: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Return (outcomes, plain predictor names, complex rhs terms) of ``formula``.

    ``.`` expands to every column that is not an outcome; ``- name`` removes a predictor.
    """
    if not isinstance(formula, str) or formula.count("~") != 1:
        raise InvalidParameterError(
            f"A formula must be a string with one `~`, like 'y ~ .' or 'y ~ a + b'; got {formula!r}."
        )
    lhs, rhs = formula.split("~")
    outcomes = [_unquote(t) for s, t in _split_terms(lhs)]
    if not outcomes:
        raise InvalidParameterError(f"The formula {formula!r} has no outcome on the left of `~`.")
    preds: list[str] = []
    complex_terms: list[str] = []
    drop: set[str] = set()
    for sign, term in _split_terms(rhs):
        if term == ".":
            preds += [c for c in columns if c not in outcomes]
        elif term in ("1", "0"):
            continue
        elif _NAME.match(term):
            (drop.add if sign == "-" else preds.append)(_unquote(term))
        elif sign == "+":
            complex_terms.append(term)
        else:
            raise InvalidParameterError(f"Cannot remove the term {term!r} in {formula!r}: only names.")
    preds = [p for p in dict.fromkeys(preds) if p not in drop]
    unknown = [v for v in outcomes + preds if v not in columns]
    if unknown:
        raise InvalidParameterError(
            f"The formula {formula!r} names column(s) {unknown} that the data does not have."
        )
    return outcomes, preds, complex_terms


def _r_name(name: str) -> str:
    """formulaic's ``x[T.b]`` becomes R's ``xb`` (treatment dummy naming of ``model.matrix``)."""
    return re.sub(r"\[T\.(.*?)\]", r"\1", name)


@frozen(eq=False)
class FormulaBlueprint:
    """What a formula fit remembers to turn new data into the same predictors."""

    formula: str
    outcomes: tuple[str, ...] = field(converter=tuple)
    predictors: tuple[str, ...] = field(converter=tuple)
    encoding: str
    model_spec: Any = None  # formulaic ModelSpec for "traditional"/"one_hot"
    columns: tuple[str, ...] = field(default=(), converter=tuple)

    def forge(self, new_data: pd.DataFrame) -> pd.DataFrame:
        """The predictors of ``new_data``, encoded as at fit time (outcome not needed)."""
        check_columns(new_data, self.predictors, "predict()", what="new_data")
        if self.model_spec is None:
            return new_data.loc[:, list(self.predictors)]
        mm = self.model_spec.get_model_matrix(new_data.loc[:, list(self.predictors)], na_action="ignore")
        out = pd.DataFrame(np.asarray(mm, dtype=float), columns=[_r_name(c) for c in mm.columns],
                           index=new_data.index)
        return out.drop(columns=[c for c in out.columns if c == "Intercept"])


def mold_formula(formula: str, data: pd.DataFrame, encoding: str) -> tuple[pd.DataFrame, pd.Series, FormulaBlueprint]:
    """Turn ``formula`` and ``data`` into predictors, an outcome and a blueprint."""
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(f"`data` must be a pandas DataFrame; got {type(data).__name__}.")
    outcomes, preds, complex_terms = parse_formula(formula, list(data.columns))
    if len(outcomes) > 1:
        raise NotImplementedError(
            f"Multiple outcomes ({outcomes}) are not supported by pytidy's model fits yet."
        )
    y = data[outcomes[0]]
    if encoding == "none":
        if complex_terms:
            raise InvalidParameterError(
                f"This engine takes predictors as they are (no indicator encoding), so the formula can "
                f"only name columns; got the terms {complex_terms}. Use a recipe for transformations."
            )
        bp = FormulaBlueprint(formula, outcomes, preds, encoding)
        return data.loc[:, preds], y, bp
    import formulaic

    rhs = " + ".join([f"`{p}`" for p in preds] + complex_terms) or "1"
    needed = preds + [c for c in data.columns if c not in preds and c not in outcomes and
                      any(c in t for t in complex_terms)]
    mm = formulaic.model_matrix(rhs, data.loc[:, needed], na_action="ignore")
    x = pd.DataFrame(np.asarray(mm, dtype=float), columns=[_r_name(c) for c in mm.columns], index=data.index)
    x = x.drop(columns=[c for c in x.columns if c == "Intercept"])
    bp = FormulaBlueprint(formula, outcomes, needed, encoding, mm.model_spec, tuple(x.columns))
    return x, y, bp
