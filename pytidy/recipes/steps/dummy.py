"""step_dummy: factors to indicator (or polynomial contrast) columns (R: ``recipes/R/dummy.R``)."""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError, PytidyWarning
from ._base import (
    Step,
    check_new_data,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from ._stats import append_columns, block_frame

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepDummy", "step_dummy", "dummy_names"]

_R_RESERVED = {
    "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL",
    "Inf", "NaN", "NA", "NA_integer_", "NA_real_", "NA_character_", "NA_complex_", "in",
}


def make_names(names: list[Any]) -> list[str]:
    """R's ``make.names()``: syntactically valid names (invalid characters become ``.``).

    Examples
    --------
    >>> make_names(["No phone service", "1", "a-b", "TRUE", "_x", ".5", None])
    ['No.phone.service', 'X1', 'a.b', 'TRUE.', 'X_x', 'X.5', 'NA.']
    """
    out = []
    for name in names:
        if name is None or (isinstance(name, float) and np.isnan(name)):
            out.append("NA.")
            continue
        s = re.sub(r"[^0-9A-Za-z._]", ".", str(name))
        if s == "" or not (s[0].isalpha() or (s[0] == "." and not (len(s) > 1 and s[1].isdigit()))):
            s = "X" + s
        if s in _R_RESERVED:
            s += "."
        out.append(s)
    return out


def dummy_names(var: str, lvl: list[Any], ordinal: bool = False, sep: str = "_") -> list[str]:
    """R's ``dummy_names()``: ``var_level`` with ``make.names(level)``, or ``var_1``... for contrasts.

    Examples
    --------
    >>> dummy_names("island", ["Biscoe", "Dream"])
    ['island_Biscoe', 'island_Dream']
    >>> dummy_names("q", [".L", ".Q"], ordinal=True)
    ['q_1', 'q_2']
    """
    if ordinal:
        width = len(str(len(lvl)))
        return [f"{var}{sep}{str(i).zfill(width)}" for i in range(1, len(lvl) + 1)]
    return [f"{var}{sep}{n}" for n in make_names(list(lvl))]


def contr_poly(n: int) -> np.ndarray:
    """R's ``contr.poly(n)``: orthonormal polynomial contrasts, an (n, n - 1) matrix.

    Examples
    --------
    >>> np.round(contr_poly(3), 4) + 0.0
    array([[-0.7071,  0.4082],
           [ 0.    , -0.8165],
           [ 0.7071,  0.4082]])
    """
    scores = np.arange(1, n + 1, dtype=float)
    x = np.vander(scores - scores.mean(), n, increasing=True)
    q, r = np.linalg.qr(x)
    z = q * np.sign(np.diag(r))
    return z[:, 1:]


@step_class
class StepDummy(Step):
    """Trained state: ``levels`` (and ``ordered``) by column (see :func:`step_dummy`)."""

    name: ClassVar[str] = "step_dummy"
    description: ClassVar[str] = "Dummy variables from"

    role: str = "predictor"
    one_hot: bool = False
    keep_original_cols: bool = False
    levels: dict[str, tuple[Any, ...]] | None = None
    ordered: dict[str, bool] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepDummy:
        cols = select_columns(self, info)
        check_type(training, cols, ["factor", "ordered"], self)
        levels, ordered = {}, {}
        for col in cols:
            cats = tuple(training[col].cat.categories.tolist())
            if len(cats) < 2 and not self.one_hot:
                raise InvalidParameterError(
                    f"step_dummy(): only one factor level in {col!r}: {list(cats)}. A dummy variable needs "
                    "two levels; remove the column first (step_zv()) or use one_hot=True."
                )
            levels[col] = cats
            ordered[col] = bool(training[col].cat.ordered)
        return evolve(self, trained=True, columns=cols, levels=levels, ordered=ordered)

    def _names(self, col: str) -> list[str]:
        lv = list(self.levels[col])
        if self.one_hot:
            return dummy_names(col, lv)
        if self.ordered[col]:
            return dummy_names(col, lv[1:], ordinal=True)
        return dummy_names(col, lv[1:])

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        n = len(new_data)
        names = [name for col in cols for name in self._names(col)]
        # One (p, n) C-order block = an (n, p) Fortran block: each dummy column contiguous, and
        # pandas takes it as one 2-D block without a copy.
        block = np.empty((len(names), n), dtype=np.float64)
        row = 0
        for col in cols:
            lv = list(self.levels[col])
            values = new_data[col]
            if isinstance(values.dtype, pd.CategoricalDtype):
                cat = values if list(values.cat.categories) == lv else values.cat.set_categories(lv)
            else:
                cat = pd.Series(pd.Categorical(values, categories=lv), index=values.index)
            codes = cat.cat.codes.to_numpy()
            missing = codes < 0
            has_missing = bool(missing.any())
            if has_missing:
                novel = missing & values.notna().to_numpy()
                if novel.any():
                    new = sorted({str(v) for v in values[novel].unique()})
                    warnings.warn(
                        f"step_dummy(): there are new levels in {col!r}: {new}; their rows get NaN dummies. "
                        "Consider using step_novel() before step_dummy().",
                        PytidyWarning,
                        stacklevel=3,
                    )
            k = len(lv)
            if self.ordered[col] and not self.one_hot:
                basis = contr_poly(k)
                width = basis.shape[1]
                safe = np.where(missing, 0, codes) if has_missing else codes
                np.take(basis.T, safe, axis=1, out=block[row : row + width])
            else:
                first = 0 if self.one_hot else 1
                width = k - first
                for j in range(width):
                    np.equal(codes, j + first, out=block[row + j], casting="unsafe")
            if has_missing:
                block[row : row + width, missing] = np.nan
            row += width
        out = new_data if self.keep_original_cols else new_data.drop(columns=cols)
        return append_columns(out, block_frame(block.T, names, new_data.index))

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=terms, columns=pd.Series([None] * len(terms), dtype=object))
        terms, columns = [], []
        for col in self.columns:
            lv = list(self.levels[col])
            used = lv if self.one_hot or self.ordered[col] else lv[1:]
            if self.ordered[col] and not self.one_hot:
                used = self._names(col)
            terms += [col] * len(used)
            columns += [str(v) for v in used]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), columns=pd.Series(columns, dtype=object))


@register_step
def step_dummy(recipe: Recipe, *selectors: Selector | str, role: str = "predictor", one_hot: bool = False,
               keep_original_cols: bool = False, skip: bool = False, id: str | None = None) -> Recipe:
    """Turn factor columns into numeric dummy (indicator) columns.

    R: ``step_dummy(recipe, ..., role = "predictor", one_hot = FALSE, keep_original_cols = FALSE)``
    with ``contr.treatment`` for unordered factors (the first level is the reference and gets no
    column) and ``contr.poly`` for ordered ones. Columns are named ``paste(var, make.names(level),
    sep = "_")`` (``var_1``, ``var_2``, ... for polynomial contrasts) and are appended after the
    remaining columns. A level unseen at prep gives NaN dummies and a warning (R). String columns
    are factors already (``prep(strings_as_factors=True)``).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Factor columns, e.g. ``all_nominal_predictors()``.
    role : str, default "predictor"
        Role of the new columns.
    one_hot : bool, default False
        One column per level (no reference level).
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_nominal_predictors
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["a b", "c", "a b"]})
    >>> recipe("y ~ .", df).step_dummy(all_nominal_predictors()).prep().bake(None)
         y  g_c
    0  1.0  0.0
    1  2.0  1.0
    2  3.0  0.0
    >>> recipe("y ~ .", df).step_dummy("g", one_hot=True).prep().bake(None).columns.tolist()
    ['y', 'g_a.b', 'g_c']
    """
    check_bool(one_hot, "one_hot", "step_dummy()")
    check_bool(keep_original_cols, "keep_original_cols", "step_dummy()")
    check_bool(skip, "skip", "step_dummy()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_dummy() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepDummy(terms=selectors, role=role, one_hot=one_hot,
                                     keep_original_cols=keep_original_cols, skip=skip, id=id))
