"""Formulas to model inputs (R: hardhat's ``mold()``/``forge()`` with a formula blueprint)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_tuple
from .._checks import check_columns
from ..errors import InvalidParameterError, PytidyWarning
from ..hardhat import check_predictors, check_ptype, predictor_kind, predictor_ptype

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


def outcome_columns(data: pd.DataFrame, outcomes: Sequence[str]) -> Any:
    """The outcome as a model gets it: a Series for one outcome, a DataFrame for several (R: ``y1 + y2 ~ .``)."""
    return data[outcomes[0]] if len(outcomes) == 1 else data.loc[:, list(outcomes)]


def _r_name(name: str) -> str:
    """formulaic's ``x[T.b]`` becomes R's ``xb`` (treatment dummy naming of ``model.matrix``)."""
    return re.sub(r"\[T\.(.*?)\]", r"\1", name)


def _nominal_levels(data: pd.DataFrame, columns: list[str]) -> dict[str, tuple[Any, ...]]:
    """The levels formulaic will use for each nominal column (a categorical's own; else sorted values)."""
    out: dict[str, tuple[Any, ...]] = {}
    for c in columns:
        s = data[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[c] = tuple(s.cat.categories)
        elif predictor_kind(s) == "nominal":
            out[c] = tuple(sorted(pd.unique(s.dropna()).tolist(), key=str))
    return out


def _bad_rows(data: pd.DataFrame, levels: dict[str, tuple[Any, ...]], *, warn: bool, owner: str
              ) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows with a missing or unseen nominal value (to become NaN rows); unseen values set to NaN.

    Formulaic would encode both as the reference level (all dummies 0): a silently wrong
    prediction. R's ``model.matrix`` drops such rows at fit (``na.omit``) and recipes'
    ``step_dummy`` gives NaN with a warning for unseen levels at bake; pytidy does both.
    """
    bad = np.zeros(len(data), dtype=bool)
    changes: dict[str, Any] = {}
    unseen_report: dict[str, list[Any]] = {}
    for c, lv in levels.items():
        if c not in data.columns:
            continue
        s = data[c]
        missing = s.isna().to_numpy()
        known = s.isin(list(lv)).to_numpy()
        unseen = ~missing & ~known
        if unseen.any():
            unseen_report[c] = sorted({str(v) for v in s[unseen]})[:5]
        if isinstance(s.dtype, pd.CategoricalDtype):
            if list(s.cat.categories) != list(lv):
                changes[c] = s.cat.set_categories(list(lv))
        else:  # text (or an all-missing column) becomes a categorical with the fit's levels
            values = s.astype(object).where(known, np.nan)
            changes[c] = pd.Series(pd.Categorical(values, categories=list(lv)), index=s.index)
        bad |= missing | unseen
    if unseen_report and warn:
        listed = "; ".join(f"`{c}`: {v}" for c, v in unseen_report.items())
        warnings.warn(
            f"{owner}: new_data has levels not seen when the model was fitted ({listed}); their rows get "
            "NaN predictions (as R's step_dummy). Add the levels to the training data, or pool rare "
            "levels with step_other() in a recipe.", PytidyWarning, stacklevel=5)
    return (data.assign(**changes) if changes else data), bad


_ALIAS = re.compile(r"^_pytidy_(\d+)_(\[T\.(.*)\])?$", re.S)


def _alias_frame(data: pd.DataFrame, preds: Sequence[str]) -> pd.DataFrame:
    """Plain predictors under identifier aliases, so any column name (``"1"``, ``"a b"``) reaches
    formulaic as a variable (a backticked ``1`` would otherwise be read as the intercept)."""
    aliases = pd.DataFrame({f"_pytidy_{i}_": data[p] for i, p in enumerate(preds)}, index=data.index)
    return pd.concat([data, aliases], axis=1)  # one concat: no column-by-column insert (fragmentation)


def _output_name(name: str, preds: Sequence[str]) -> str:
    m = _ALIAS.match(name)
    if m is None:
        return _r_name(name)
    return preds[int(m.group(1))] + (m.group(3) if m.group(2) else "")


def _model_matrix(spec_or_rhs: Any, data: pd.DataFrame, bad: np.ndarray, preds: Sequence[str]
                  ) -> tuple[pd.DataFrame, Any]:
    import formulaic

    data = _alias_frame(data, preds)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", formulaic.errors.DataMismatchWarning)
        if isinstance(spec_or_rhs, str):
            mm = formulaic.model_matrix(spec_or_rhs, data, na_action="ignore")
        else:
            mm = spec_or_rhs.get_model_matrix(data, na_action="ignore")
    values = np.array(mm, dtype=float)
    if bad.any():
        values[bad] = np.nan
    out = pd.DataFrame(values, columns=[_output_name(c, preds) for c in mm.columns], index=data.index)
    return out.drop(columns=[c for c in out.columns if c == "Intercept"]), mm.model_spec


@frozen(eq=False)
class FormulaBlueprint:
    """What a formula fit remembers to turn new data into the same predictors."""

    formula: str
    outcomes: tuple[str, ...] = field(converter=as_tuple)
    predictors: tuple[str, ...] = field(converter=as_tuple)
    encoding: str
    model_spec: Any = None  # formulaic ModelSpec for "traditional"/"one_hot"
    columns: tuple[str, ...] = field(default=(), converter=as_tuple)
    levels: dict[str, tuple[Any, ...]] = field(factory=dict)
    ptype: dict[str, str] = field(factory=dict)
    engine: str = "engine"
    plain: tuple[str, ...] = field(default=(), converter=as_tuple)  # predictors named on their own (aliased)

    def forge(self, new_data: pd.DataFrame, owner: str = "predict()") -> pd.DataFrame:
        """The predictors of ``new_data``, encoded as at fit time (outcome not needed)."""
        check_columns(new_data, self.predictors, owner, what="new_data")
        data = new_data.loc[:, list(self.predictors)]
        check_predictors(data, list(self.predictors), owner, self.engine)
        check_ptype(data, self.ptype, owner)
        if self.model_spec is None:
            return data
        data, bad = _bad_rows(data, self.levels, warn=True, owner=owner)
        return _model_matrix(self.model_spec, data, bad, self.plain)[0]


def mold_formula(formula: str, data: pd.DataFrame, encoding: str, engine: str = "engine",
                 multi_outcome: bool = False) -> tuple[pd.DataFrame, Any, FormulaBlueprint]:
    """Turn ``formula`` and ``data`` into predictors, an outcome and a blueprint.

    Predictor columns are checked first (:func:`pytidy.hardhat.check_predictors`: no dates or
    other kinds the engine cannot take), so formulaic never sees them. Rows with a missing value in
    a nominal predictor become NaN rows, which engines leave out (R's ``na.omit``). Several outcomes
    (``y1 + y2 ~ .``) give a DataFrame outcome when the engine takes them (``multi_outcome``).
    """
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(f"`data` must be a pandas DataFrame; got {data.__class__.__name__}.")
    outcomes, preds, complex_terms = parse_formula(formula, list(data.columns))
    if len(outcomes) > 1 and not multi_outcome:
        raise NotImplementedError(
            f"Multiple outcomes ({outcomes}) are not supported by the {engine}: it fits one outcome. Of "
            f"pytidy's engines, TabNet fits several (one head each): tabnet() specs, workflows, and "
            f"tabnet_fit({formula!r}, data)."
        )
    y = outcome_columns(data, outcomes)
    if encoding == "none":
        if complex_terms:
            raise InvalidParameterError(
                f"This engine takes predictors as they are (no indicator encoding), so the formula can "
                f"only name columns; got the terms {complex_terms}. Use a recipe for transformations."
            )
        check_predictors(data, preds, "fit()", engine)
        bp = FormulaBlueprint(formula, outcomes, preds, encoding, ptype=predictor_ptype(data, preds), engine=engine)
        return data.loc[:, preds], y, bp
    rhs = " + ".join([f"_pytidy_{i}_" for i in range(len(preds))] + complex_terms) or "1"
    needed = preds + [c for c in data.columns if c not in preds and c not in outcomes and
                      any(c in t for t in complex_terms)]
    check_predictors(data, needed, "fit()", engine)
    frame = data.loc[:, needed]
    levels = _nominal_levels(frame, needed)
    frame, bad = _bad_rows(frame, levels, warn=False, owner="fit()")
    x, model_spec = _model_matrix(rhs, frame, bad, preds)
    bp = FormulaBlueprint(formula, outcomes, needed, encoding, model_spec, tuple(x.columns), levels,
                          predictor_ptype(frame, needed), engine, tuple(preds))
    return x, y, bp
