"""step_cut: cut numeric columns into factors at given breaks (R: ``recipes/R/cut.R``).

Also holds :func:`cut_codes` and :func:`cut_labels`, R's ``cut(x, breaks, include.lowest = TRUE)``,
shared with :mod:`.discretize`.
"""

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
from ._stats import numeric_block

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepCut", "step_cut"]


def cut_codes(x: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Interval codes of R's ``cut(x, breaks, right = TRUE, include.lowest = TRUE)``; -1 for NA/outside.

    Examples
    --------
    >>> cut_codes(np.array([1.0, 2.0, 5.0, 7.0, np.nan]), np.array([1.0, 5.0, 6.0])).tolist()
    [0, 0, 0, -1, -1]
    """
    breaks = np.asarray(breaks, dtype=float)
    idx = np.searchsorted(breaks, x, side="left") - 1
    idx = np.where(x == breaks[0], 0, idx)
    bad = np.isnan(x) | (x < breaks[0]) | (x > breaks[-1])
    return np.where(bad, -1, idx).astype(np.int64)


def _fmt(v: float, digits: int) -> str:
    if np.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return f"{v:.{digits}g}"


def cut_labels(breaks: np.ndarray, dig_lab: int = 3) -> list[str]:
    """R's default ``cut()`` labels ``[a,b]``, ``(b,c]``, ... (``formatC(breaks, digits)``, more digits until unique).

    Examples
    --------
    >>> cut_labels(np.array([1.0, 25.75, 50.5, 100.0]))
    ['[1,25.8]', '(25.8,50.5]', '(50.5,100]']
    """
    for dig in range(dig_lab, max(12, dig_lab) + 1):
        text = [_fmt(float(b), dig) for b in breaks]
        if len(set(text)) == len(text):
            break
    labels = [f"({a},{b}]" for a, b in zip(text[:-1], text[1:])]
    labels[0] = "[" + labels[0][1:]
    return labels


def _min_max_labels(labels: list[str]) -> list[str]:
    """R's ``adjust_levels_min_max``: the outer break labels become ``min`` and ``max``."""
    if len(labels) == 1:
        return ["[min,max]"]
    first = re.sub(r"(?<=\[)(.*?)(?=,)", "min", labels[0], count=1)
    last = re.sub(r"(?<=,)(.+?)(?=\])", "max", labels[-1], count=1)
    return [first, *labels[1:-1], last]


@step_class
class StepCut(Step):
    """Trained state: ``full_breaks``, the breaks by column including the training range (see :func:`step_cut`)."""

    name: ClassVar[str] = "step_cut"
    description: ClassVar[str] = "Cut numeric for"

    breaks: tuple[float, ...] = ()
    include_outside_range: bool = False
    full_breaks: dict[str, tuple[float, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepCut:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        full = {}
        for j, col in enumerate(cols):
            x = block[:, j]
            if np.isnan(x).any():
                warnings.warn(
                    f"step_cut(): {col!r} contains missing values; they are ignored in the break calculations.",
                    PytidyWarning,
                    stacklevel=3,
                )
                x = x[~np.isnan(x)]
            br = list(self.breaks)
            if x.size and x.min() < min(br):
                br.append(float(x.min()))
            if x.size and x.max() > max(br):
                br.append(float(x.max()))
            br = sorted(br)
            if len(br) == 1:
                raise InvalidParameterError(
                    f"step_cut(): {col!r} is invariant and equal to the break point {br[0]}; "
                    "choose other breaks or remove the column."
                )
            if len(br) == 2:
                warnings.warn(f"step_cut(): {col!r} will become a factor with one value only.",
                              PytidyWarning, stacklevel=3)
            full[col] = tuple(br)
        return evolve(self, trained=True, columns=cols, full_breaks=full)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        block = numeric_block(new_data, cols)
        out = new_data.copy(deep=False)
        for j, col in enumerate(cols):
            x = block[:, j]
            br = np.array(self.full_breaks[col])
            if self.include_outside_range and not np.isnan(x).all():
                if np.nanmin(x) < br[0]:
                    br[0] = np.nanmin(x)
                if np.nanmax(x) > br[-1]:
                    br[-1] = np.nanmax(x)
            labels = cut_labels(br)
            if self.include_outside_range:
                labels = _min_max_labels(labels)
            uniq = list(dict.fromkeys(labels))
            codes = cut_codes(x, br)
            remap = np.array([uniq.index(lab) for lab in labels] + [-1])
            out[col] = pd.Categorical.from_codes(remap[codes], categories=uniq)
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.full(len(terms), np.nan))
        terms = [c for c in self.columns for _ in self.full_breaks[c]]
        values = [v for c in self.columns for v in self.full_breaks[c]]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.array(values, dtype=float))


@register_step
def step_cut(recipe: Recipe, *selectors: Selector | str, breaks: Any, include_outside_range: bool = False,
             skip: bool = False, id: str | None = None) -> Recipe:
    """Turn numeric columns into factors by cutting them at ``breaks``.

    R: ``step_cut(recipe, ..., breaks, include_outside_range = FALSE)``. The training minimum
    and maximum are added to ``breaks`` when they lie outside them; intervals are right-closed
    with the lowest one closed (``cut(include.lowest = TRUE)``) and labelled as R (``[1,3]``,
    ``(3,9]``). New values outside the training range become missing, unless
    ``include_outside_range=True``: then the outer intervals stretch to the new data and are
    labelled ``[min,...]`` and ``(...,max]`` (R).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    breaks : float or sequence of float
        Cut points.
    include_outside_range : bool, default False
    skip : bool, default False
    id : str, optional
        Default ``"cut_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"x": [2.0, 5.0, 7.0], "y": [1.0, 8.0, 12.0]})
    >>> recipe("~ .", df).step_cut("y", breaks=[3, 9]).prep().bake(None)["y"].tolist()
    ['[1,3]', '(3,9]', '(9,12]']
    """
    values: Any = [breaks] if np.isscalar(breaks) else breaks
    try:
        ok = len(values) > 0 and not isinstance(breaks, (str, bool)) and all(
            isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and np.isfinite(v)
            for v in values)
    except TypeError:
        ok = False
    if not ok:
        raise InvalidParameterError(
            f"`breaks` in step_cut() must be one or more finite numbers; got {breaks!r}."
        )
    check_bool(include_outside_range, "include_outside_range", "step_cut()")
    check_bool(skip, "skip", "step_cut()")
    return recipe.add_step(StepCut(terms=selectors, breaks=tuple(float(v) for v in values),
                                   include_outside_range=include_outside_range, skip=skip, id=id))
