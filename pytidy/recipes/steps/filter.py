"""step_filter: keep the rows that meet conditions (R: ``recipes/R/filter.R``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import StepTags, Step, check_trained, register_step, step_class, tidy_frame

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepFilter", "step_filter"]


def _label(cond: str | Callable[..., Any]) -> str:
    if isinstance(cond, str):
        return cond
    return getattr(cond, "__name__", repr(cond))


def _mask(cond: str | Callable[..., Any], data: pd.DataFrame, step: Step) -> np.ndarray:
    try:
        res = data.eval(cond, engine="python") if isinstance(cond, str) else cond(data)
    except Exception as exc:  # noqa: BLE001 - re-raised with context
        raise InvalidParameterError(
            f"step_filter() (id {step.id!r}): the condition {_label(cond)!r} could not be evaluated: "
            f"{type(exc).__name__}: {exc}. Check the column names and the expression syntax "
            "(pandas DataFrame.query/eval)."
        ) from exc
    arr = np.asarray(res)
    if arr.ndim == 0:
        arr = np.full(len(data), arr)
    if arr.shape != (len(data),) or not (arr.dtype == bool or arr.dtype == object or pd.api.types.is_bool_dtype(res)):
        raise InvalidParameterError(
            f"step_filter() (id {step.id!r}): the condition {_label(cond)!r} must give one True/False "
            f"value per row ({len(data)}); got {type(res).__name__} with shape {arr.shape}."
        )
    # missing results drop the row, as dplyr::filter does
    return pd.Series(arr).fillna(False).astype(bool).to_numpy()


@step_class
class StepFilter(Step):
    """Keeps the rows where every condition holds (see :func:`step_filter`)."""

    name: ClassVar[str] = "step_filter"
    description: ClassVar[str] = "Row filtering using"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, skip_by_default=True, selects_columns=False)

    conditions: tuple[Any, ...] = ()

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepFilter:
        return evolve(self, trained=True, columns=())

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        if not self.conditions:
            return new_data
        keep = np.ones(len(new_data), dtype=bool)
        for cond in self.conditions:
            keep &= _mask(cond, new_data, self)
        return new_data if keep.all() else new_data.iloc[keep.nonzero()[0]]

    def tidy(self) -> pd.DataFrame:
        return tidy_frame(self, terms=pd.Series([_label(c) for c in self.conditions], dtype=object))

    def __repr__(self) -> str:
        text = ", ".join(_label(c) for c in self.conditions) or "<none>"
        return (f"{self.description}: {text}" + (" [trained]" if self.trained else "")
                + (" [skip]" if self.skip else ""))


@register_step
def step_filter(recipe: Recipe, *conditions: str | Callable[[pd.DataFrame], Any], skip: bool = True,
                id: str | None = None) -> Recipe:
    """Keep the rows for which every condition is True.

    R: ``step_filter(recipe, ..., skip = TRUE)`` (``dplyr::filter``). A condition is a string
    evaluated with :meth:`pandas.DataFrame.eval` (the syntax of ``DataFrame.query``, e.g.
    ``"x > 0 and g == 'a'"``) or a callable ``df -> boolean mask``. Several conditions are
    combined with "and"; a missing result drops the row (as dplyr does). With the default
    ``skip=True`` only the training data are filtered. Callables must be module-level functions
    for the recipe to be picklable.

    Parameters
    ----------
    recipe : Recipe
    *conditions : str or callable
    skip : bool, default True
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "x": [5, 1, 7, 2]})
    >>> recipe("y ~ .", df).step_filter("x > 1", lambda d: d["y"] < 4).prep().bake(None)
       x    y
    0  5  1.0
    2  7  3.0
    """
    check_bool(skip, "skip", "step_filter()")
    for cond in conditions:
        if not (isinstance(cond, str) and cond.strip()) and not callable(cond):
            raise InvalidParameterError(
                f"step_filter(): each condition must be a non-empty string such as 'x > 0' or a callable "
                f"df -> boolean mask; got {cond!r}."
            )
    return recipe.add_step(StepFilter(conditions=tuple(conditions), skip=skip, id=id))
