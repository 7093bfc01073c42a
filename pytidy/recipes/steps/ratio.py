"""step_ratio: ratios of numeric columns (R: ``recipes/R/ratio.R``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve, field

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ..selectors import as_selector, eval_select
from ._base import Step, check_new_data, check_trained, check_type, register_step, select_columns, step_class, tidy_frame
from ._stats import numeric_block
from .dummy import make_names
from ._stats import append_columns

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepRatio", "step_ratio"]


def ratio_name(numer: str, denom: str) -> str:
    """R's default ``naming``: ``make.names(paste(numer, denom, sep = "_o_"))``.

    Examples
    --------
    >>> ratio_name("a", "b")
    'a_o_b'
    """
    return make_names([f"{numer}_o_{denom}"])[0]


def _as_denom(denom: Any) -> tuple:
    if denom is None:
        return ()
    if isinstance(denom, (str,)) or not isinstance(denom, (list, tuple)):
        denom = (denom,)
    return tuple(as_selector(d) for d in denom)


@step_class
class StepRatio(Step):
    """Trained state: ``pairs``, the (numerator, denominator) column pairs (see :func:`step_ratio`)."""

    name: ClassVar[str] = "step_ratio"
    description: ClassVar[str] = "Ratios from"

    role: str = "predictor"
    denom: tuple = field(default=(), converter=_as_denom)
    naming: Callable[[str, str], str] = ratio_name
    keep_original_cols: bool = False
    pairs: tuple[tuple[str, str], ...] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepRatio:
        top = select_columns(self, info)
        bottom = eval_select(self.denom, info) if top else []
        if top and not bottom:
            raise InvalidParameterError(
                "step_ratio(): `denom` selected no columns; pass denominators, e.g. denom=all_numeric_predictors()."
            )
        pairs = tuple((t, b) for b in bottom for t in top if t != b)
        cols = tuple(dict.fromkeys([p[0] for p in pairs] + [p[1] for p in pairs]))
        check_type(training, cols, ["double", "integer"], self)
        return evolve(self, trained=True, columns=cols, pairs=pairs)

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        cols = list(self.columns)
        check_new_data(cols, new_data, self)
        if not self.pairs:
            return new_data
        block = numeric_block(new_data, cols)
        pos = {c: j for j, c in enumerate(cols)}
        top = np.array([pos[t] for t, _ in self.pairs])
        bottom = np.array([pos[b] for _, b in self.pairs])
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = block[:, top] / block[:, bottom]
        new = {self.naming(t, b): np.ascontiguousarray(ratios[:, k]) for k, (t, b) in enumerate(self.pairs)}
        return append_columns(new_data, new, cols, self.keep_original_cols, self)

    def tidy(self) -> pd.DataFrame:
        if self.trained:
            rows = sorted(self.pairs)
        else:
            rows = sorted((repr(t), repr(d)) for t in self.terms for d in self.denom) if self.terms else []
        return tidy_frame(self, terms=pd.Series([r[0] for r in rows], dtype=object),
                          denom=pd.Series([r[1] for r in rows], dtype=object))

    def __repr__(self) -> str:
        if not self.trained:
            return super().__repr__()
        names = list(dict.fromkeys([p[0] for p in self.pairs] + [p[1] for p in self.pairs]))
        return f"{self.description}: {', '.join(names) or '<none>'} [trained]" + (" [skip]" if self.skip else "")


@register_step
def step_ratio(recipe: Recipe, *selectors: Selector | str, denom: Any = None, naming: Callable[[str, str], str] = ratio_name,
               role: str = "predictor", keep_original_cols: bool = False, skip: bool = False,
               id: str | None = None) -> Recipe:
    """Add the ratios of numerator columns to denominator columns.

    R: ``step_ratio(recipe, ..., role = "predictor", denom = denom_vars(), naming = function(numer,
    denom) make.names(paste(numer, denom, sep = "_o_")), keep_original_cols = FALSE)``: one new
    column ``<numer>_o_<denom>`` per pair of a selected numerator and denominator (a column is
    never divided by itself), appended after the others; the original numerator and denominator
    columns are removed unless ``keep_original_cols=True`` (R).

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
        Numerator columns.
    denom : Selector, str or list of them
        Denominator columns (R's ``denom_vars(...)``).
    naming : callable, default :func:`ratio_name`
        ``naming(numer, denom) -> str`` gives the new column names.
    role : str, default "predictor"
    keep_original_cols : bool, default False
    skip : bool, default False
    id : str, optional
        Default ``"ratio_<n>"``.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [0.0, 1.0], "a": [1.0, 3.0], "b": [2.0, 4.0]})
    >>> recipe("y ~ .", df).step_ratio("a", denom="b").prep().bake(None)
         y  a_o_b
    0  0.0   0.50
    1  1.0   0.75
    """
    if not callable(naming):
        raise InvalidParameterError(f"`naming` in step_ratio() must be a function (numer, denom) -> str; got {naming!r}.")
    check_bool(keep_original_cols, "keep_original_cols", "step_ratio()")
    check_bool(skip, "skip", "step_ratio()")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_ratio() must be a non-empty string; got {role!r}.")
    try:
        denom = _as_denom(denom)
    except InvalidParameterError as exc:
        raise InvalidParameterError(f"`denom` in step_ratio(): {exc}") from None
    return recipe.add_step(StepRatio(terms=selectors, denom=denom, naming=naming, role=role,
                                     keep_original_cols=keep_original_cols, skip=skip, id=id))
