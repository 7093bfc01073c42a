"""step_rename: rename columns (R: ``recipes/R/rename.R``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import Step, check_new_data, check_trained, register_step, step_class, tidy_frame

if TYPE_CHECKING:
    from ..recipe import Recipe

__all__ = ["StepRename", "step_rename"]


@step_class
class StepRename(Step):
    """Renames columns: ``renames`` holds ``(new, old)`` pairs (see :func:`step_rename`)."""

    name: ClassVar[str] = "step_rename"
    description: ClassVar[str] = "Variable renaming for"

    role: str = "predictor"
    renames: tuple[tuple[str, str], ...] = ()

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepRename:
        old = [o for _, o in self.renames]
        missing = [o for o in old if o not in training.columns]
        if missing:
            raise InvalidParameterError(
                f"step_rename(): the column(s) {missing} to rename do not exist. "
                f"Available columns: {list(training.columns)[:20]}."
            )
        new = {n for n, _ in self.renames}
        clash = [c for c in training.columns if c in new and c not in old]
        if clash:
            raise InvalidParameterError(
                f"step_rename(): the new name(s) {clash} are already columns of the data; choose other "
                "names or rename those columns too."
            )
        return evolve(self, trained=True, columns=tuple(old))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        check_new_data(self.columns, new_data, self)
        if not self.renames:
            return new_data
        return new_data.rename(columns={o: n for n, o in self.renames})

    def renamed_columns(self) -> dict[str, str]:
        return {o: n for n, o in self.renames}

    def tidy(self) -> pd.DataFrame:
        return tidy_frame(self, terms=pd.Series([n for n, _ in self.renames], dtype=object),
                          value=pd.Series([o for _, o in self.renames], dtype=object))

    def __repr__(self) -> str:
        text = ", ".join(f"{n} = {o}" for n, o in self.renames) or "<none>"
        return (f"{self.description}: {text}" + (" [trained]" if self.trained else "")
                + (" [skip]" if self.skip else ""))


@register_step
def step_rename(recipe: Recipe, mapping: Mapping[str, str] | None = None, *, role: str = "predictor",
                skip: bool = False, id: str | None = None, **renames: str) -> Recipe:
    """Rename columns, ``new=old`` (as ``dplyr::rename``).

    R: ``step_rename(recipe, ..., role = "predictor")``; ``tidy()`` gives ``terms`` (new name) and
    ``value`` (old name). Pass the pairs as keywords (``step_rename(new="old")``) or, for names
    that are not Python identifiers, as a dict ``{"new name": "old"}``. A renamed column is a new
    variable of the recipe with role ``role`` (R).

    Parameters
    ----------
    recipe : Recipe
    mapping : dict, optional
        ``{new: old}``.
    role : str, default "predictor"
    skip : bool, default False
    id : str, optional
    **renames : str
        ``new="old"`` pairs.

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 4.0]})
    >>> recipe("y ~ .", df).step_rename(size="x").prep().bake(None).columns.tolist()
    ['size', 'y']
    """
    check_bool(skip, "skip", "step_rename()")
    if mapping is not None and not isinstance(mapping, Mapping):
        raise InvalidParameterError(
            f"step_rename(): pass new=old pairs as keywords or one dict {{new: old}}; got {mapping!r}."
        )
    pairs = {**dict(mapping or {}), **renames}
    for new, old in pairs.items():
        if not isinstance(new, str) or not new or not isinstance(old, str) or not old:
            raise InvalidParameterError(
                f"step_rename(): new and old names must be non-empty strings; got {new!r} = {old!r}."
            )
    olds = list(pairs.values())
    dup = sorted({o for o in olds if olds.count(o) > 1})
    if dup:
        raise InvalidParameterError(f"step_rename(): the column(s) {dup} are renamed more than once.")
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`role` in step_rename() must be a non-empty string; got {role!r}.")
    return recipe.add_step(StepRename(renames=tuple(pairs.items()), role=role, skip=skip, id=id))
