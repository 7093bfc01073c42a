"""step_slice: keep rows by position (R: ``recipes/R/slice.R``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import StepTags, Step, check_trained, register_step, step_class, tidy_frame

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepSlice", "step_slice"]


def _is_int(x: Any) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _normalise(pos: Any) -> Any:
    """Positions as picklable, comparable plain Python values."""
    if _is_int(pos):
        return int(pos)
    if isinstance(pos, (slice, range)):
        for part in (pos.start, pos.stop, pos.step):
            if part is not None and not _is_int(part):
                raise InvalidParameterError(
                    f"step_slice(): slice/range bounds must be integers; got {pos!r}."
                )
        return pos
    if isinstance(pos, (list, tuple, np.ndarray, pd.Index, pd.Series)):
        values = list(np.asarray(pos).ravel().tolist())
        if not all(_is_int(v) for v in values):
            raise InvalidParameterError(
                f"step_slice(): positions must be whole numbers; got {values[:5]!r}."
            )
        return tuple(int(v) for v in values)
    raise InvalidParameterError(
        "step_slice(): positions must be integers, sequences of integers, ranges or slices "
        f"(0-based, as DataFrame.iloc); got {pos!r} of type {type(pos).__name__}."
    )


def _positions(spec: tuple[Any, ...], n: int) -> np.ndarray:
    parts = []
    for pos in spec:
        if isinstance(pos, slice):
            parts.append(np.arange(n)[pos])
        elif isinstance(pos, range):
            parts.append(np.asarray(pos, dtype=np.int64))
        elif isinstance(pos, tuple):
            parts.append(np.asarray(pos, dtype=np.int64))
        else:
            parts.append(np.asarray([pos], dtype=np.int64))
    idx = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    idx = np.where(idx < 0, idx + n, idx)
    return idx[(idx >= 0) & (idx < n)]


def _label(pos: Any) -> str:
    if isinstance(pos, tuple):
        return repr(list(pos))
    return repr(pos)


@step_class
class StepSlice(Step):
    """Keeps rows by position (see :func:`step_slice`)."""

    name: ClassVar[str] = "step_slice"
    description: ClassVar[str] = "Row filtering via position"
    tags: ClassVar[StepTags] = StepTags(changes_rows=True, skip_by_default=True, selects_columns=False)

    positions: tuple[Any, ...] = ()

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepSlice:
        return evolve(self, trained=True, columns=())

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        if not self.positions:
            return new_data
        return new_data.iloc[_positions(self.positions, len(new_data))]

    def tidy(self) -> pd.DataFrame:
        return tidy_frame(self, terms=pd.Series([_label(p) for p in self.positions], dtype=object))

    def __repr__(self) -> str:
        text = ", ".join(_label(p) for p in self.positions) or "<none>"
        return (f"{self.description}: {text}" + (" [trained]" if self.trained else "")
                + (" [skip]" if self.skip else ""))


@register_step
def step_slice(recipe: Recipe, *positions: Any, skip: bool = True, id: str | None = None) -> Recipe:
    """Keep rows by their position.

    R: ``step_slice(recipe, ..., skip = TRUE)`` (``dplyr::slice``). Positions follow Python, not
    R: they are 0-based and a negative position counts from the end, as in ``DataFrame.iloc``
    (in R they are 1-based and a negative position drops the row). Positions past the end are
    ignored (R). No positions keep every row. Rows come out in the order the positions list them.

    Parameters
    ----------
    recipe : Recipe
    *positions : int, sequence of int, range or slice
    skip : bool, default True
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0, 5.0]})
    >>> recipe("y ~ .", df).step_slice(range(3), -1).prep().bake(None)["y"].tolist()
    [1.0, 2.0, 3.0, 5.0]
    >>> recipe("y ~ .", df).step_slice(slice(None, None, 2)).prep().bake(None)["y"].tolist()
    [1.0, 3.0, 5.0]
    """
    check_bool(skip, "skip", "step_slice()")
    spec = tuple(_normalise(p) for p in positions)
    return recipe.add_step(StepSlice(positions=spec, skip=skip, id=id))
