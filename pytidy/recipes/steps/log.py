"""step_log: logarithm of numeric columns (R: ``recipes/R/log.R``)."""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd
from attrs import field

from ..._checks import check_bool, check_number, is_number
from ...errors import InvalidParameterError, PytidyWarning
from ._base import ElementwiseStep, register_step, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepLog", "step_log"]


@step_class
class StepLog(ElementwiseStep):
    """Log transformation (see :func:`step_log`)."""

    name: ClassVar[str] = "step_log"
    description: ClassVar[str] = "Log transformation on"

    base: float = field(default=math.e, validator=is_number(lower=0, inclusive=(False, True)))
    offset: float = 0.0
    signed: bool = False

    def transform(self, block: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            if self.signed:
                mag = np.abs(block)
                out = np.sign(block) * np.log(np.where(mag >= 1, mag, 1.0))
            else:
                out = np.log(block + self.offset)
            if self.base != math.e:
                out /= math.log(self.base)
        return out

    def tidy(self) -> pd.DataFrame:
        terms = untrained_terms(self) if not self.trained else list(self.columns)
        return tidy_frame(self, terms=pd.Series(terms, dtype=object), base=[float(self.base)] * len(terms))


@register_step
def step_log(recipe: Recipe, *selectors: Selector | str, base: float = math.e, offset: float = 0, signed: bool = False,
             skip: bool = False, id: str | None = None) -> Recipe:
    """Take the logarithm of numeric columns.

    R: ``step_log(recipe, ..., base = exp(1), offset = 0, signed = FALSE)``: ``log(x + offset,
    base)``; with ``signed=True`` the signed log ``sign(x) * log(abs(x), base)`` for
    ``abs(x) >= 1`` and 0 otherwise, and ``offset`` is ignored with a warning (R warns too).
    Non-positive values give ``-inf``/NaN as in R (pytidy does not warn about them).
    ``tidy()`` has ``terms, base, id``.

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Double or integer columns, e.g. ``all_numeric_predictors()``.
    base : float, default e
        Base of the logarithm; positive and not 1.
    offset : float, default 0
        Added to the data before the log (to avoid ``log(0)``).
    signed : bool, default False
        Take the signed log.
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 2.0], "x": [1.0, 10.0, 100.0], "z": [-10.0, 0.5, 10.0]})
    >>> p = recipe("y ~ .", df).step_log("x", base=10).step_log("z", signed=True).prep()
    >>> p.bake(None)[["x", "z"]].round(4).values.tolist()
    [[0.0, -2.3026], [1.0, 0.0], [2.0, 2.3026]]
    """
    check_number(base, "base", "step_log()", lower=0, inclusive=(False, True))
    if base == 1:
        raise InvalidParameterError(f"`base` in step_log() must be a positive number other than 1; got {base!r}.")
    check_number(offset, "offset", "step_log()")
    check_bool(signed, "signed", "step_log()")
    check_bool(skip, "skip", "step_log()")
    if signed and offset != 0:
        warnings.warn("step_log(): when `signed` is True, `offset` is ignored.", PytidyWarning, stacklevel=3)
    return recipe.add_step(StepLog(terms=selectors, base=float(base), offset=float(offset), signed=bool(signed),
                                   skip=skip, id=id))
