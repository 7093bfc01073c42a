"""step_discretize: numeric columns to factors of quantile bins (R: ``recipes/R/discretize.R``)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool, is_int
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
from .cut import cut_codes
from .dummy import make_names
from ._stats import check_whole, names0

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepDiscretize", "step_discretize"]

_OPTIONS = {"prefix", "labels", "keep_na", "infs"}


def _bins(x: np.ndarray, cuts: int, min_unique: int, infs: bool, col: str) -> tuple[float, ...]:
    """R's ``discretize.numeric``: the breaks, or ``()`` when there are too few unique values."""
    unique_vals = np.unique(x[~np.isnan(x)]).size + int(np.isnan(x).any())
    if unique_vals / (cuts + 1) < min_unique:
        warnings.warn(
            f"step_discretize(): {col!r} was not binned; too few unique values per bin. "
            "Adjust `min_unique` as needed.",
            PytidyWarning,
            stacklevel=4,
        )
        return ()
    breaks = np.quantile(x[~np.isnan(x)], np.linspace(0, 1, cuts + 1))
    uniq = list(dict.fromkeys(breaks.tolist()))
    if len(uniq) < breaks.size:
        warnings.warn(
            f"step_discretize(): not enough data in {col!r} for {cuts} breaks; only {len(uniq)} breaks were used.",
            PytidyWarning,
            stacklevel=4,
        )
    if infs:
        uniq[0] = -np.inf
        uniq[-1] = np.inf
    return tuple(dict.fromkeys(uniq))


@step_class
class StepDiscretize(Step):
    """Trained state: ``breaks`` by column (empty: not binned) (see :func:`step_discretize`)."""

    name: ClassVar[str] = "step_discretize"
    description: ClassVar[str] = "Discretize numeric variables from"

    num_breaks: Any = field(default=4, validator=is_int(lower=2))
    min_unique: Any = field(default=10, validator=is_int(lower=1))
    options: dict[str, Any] = field(factory=lambda: {"prefix": "bin"})
    breaks: dict[str, tuple[float, ...]] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepDiscretize:
        cols = select_columns(self, info)
        check_type(training, cols, ["double", "integer"], self)
        block = numeric_block(training, cols)
        infs = self.options.get("infs", True)
        breaks = {c: _bins(block[:, j], self.num_breaks, self.min_unique, infs, c) for j, c in enumerate(cols)}
        return evolve(self, trained=True, columns=cols, breaks=breaks)

    def _labels(self, bins: int) -> tuple[str, list[str]]:
        prefix = self.options.get("prefix", "bin")
        labels = self.options.get("labels")
        if prefix is None:
            prefix = ""
        labels = list(labels) if labels is not None else names0(bins, "")
        return prefix, [f"{prefix}{lab}" for lab in labels]

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not cols:
            return new_data
        block = numeric_block(new_data, cols)
        keep_na = self.options.get("keep_na", True)
        out = new_data.copy(deep=False)
        for j, col in enumerate(cols):
            br = self.breaks[col]
            if len(br) < 2:
                continue
            x = block[:, j]
            prefix, labs = self._labels(len(br) - 1)
            codes = cut_codes(x, np.array(br))
            missing = np.isnan(x)
            if keep_na and missing.any():
                labs = [f"{prefix}_missing", *labs]
                codes = np.where(missing, 0, np.where(codes >= 0, codes + 1, -1))
            out[col] = pd.Categorical.from_codes(codes, categories=labs)
        return out

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.full(len(terms), np.nan))
        terms = [c for c in self.columns for _ in self.breaks[c]]
        values = [v for c in self.columns for v in self.breaks[c]]
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=np.array(values, dtype=float))

    def tunable(self) -> dict[str, Any]:
        dials = lambda name: getattr(__import__("pytidy.dials", fromlist=[name]), name)  # noqa: E731
        return {"min_unique": lambda: dials("min_unique")(), "num_breaks": lambda: dials("num_breaks")()}


@register_step
def step_discretize(recipe: Recipe, *selectors: Selector | str, num_breaks: Any = 4, min_unique: Any = 10,
                    options: dict[str, Any] | None = None, skip: bool = False, id: str | None = None) -> Recipe:
    """Turn numeric columns into factors of (roughly) equal-frequency bins.

    R: ``step_discretize(recipe, ..., num_breaks = 4, min_unique = 10, options = list(prefix =
    "bin"))`` with ``discretize()``: breaks at the training quantiles (type 7), the outer ones
    replaced by ``-inf``/``inf``; levels ``bin1`` ... ``binN`` (zero-padded as ``names0``).
    Missing values become the level ``bin_missing``, put first, when the data to bake has any
    (``keep_na = TRUE``); as in R, the recipe keeps only levels seen in training, so this level
    survives ``bake()`` when the training data had missing values. A column with fewer than ``min_unique`` unique values per bin is left
    numeric with a warning.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns.
    num_breaks : int or tune(), default 4
        Number of bins; tunable (``dials.num_breaks``).
    min_unique : int or tune(), default 10
        Fewest unique values per bin; tunable (``dials.min_unique``).
    options : dict, optional
        ``prefix`` (default ``"bin"``), ``labels``, ``keep_na`` (default True), ``infs`` (default True).
    skip : bool, default False
    id : str, optional
        Default ``"discretize_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": np.zeros(101), "x": [*np.arange(1.0, 101.0), np.nan]})
    >>> prepped = recipe("y ~ .", df).step_discretize("x").prep()
    >>> prepped.bake(pd.DataFrame({"x": [1.0, 50.0, 101.0, np.nan]}))["x"].tolist()
    ['bin1', 'bin2', 'bin4', 'bin_missing']
    """
    num_breaks = check_whole(num_breaks, "num_breaks", "step_discretize()", minimum=2)
    min_unique = check_whole(min_unique, "min_unique", "step_discretize()", minimum=1)
    options = {"prefix": "bin", **dict(options or {})}
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise InvalidParameterError(
            f"step_discretize(): unknown `options` {unknown}; allowed: {sorted(_OPTIONS)}."
        )
    prefix = options["prefix"]
    if prefix is not None and make_names([prefix])[0] != prefix:
        warnings.warn(f"step_discretize(): the prefix {prefix!r} is not a valid R name; it has been changed to "
                      f"{make_names([prefix])[0]!r}.", PytidyWarning, stacklevel=3)
        options["prefix"] = make_names([prefix])[0]
    check_bool(skip, "skip", "step_discretize()")
    return recipe.add_step(StepDiscretize(terms=selectors, num_breaks=num_breaks, min_unique=min_unique,
                                          options=options, skip=skip, id=id))
