"""step_clean_names: snake_case column names (R: ``textrecipes/R/clean_names.R``, ``janitor``)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from attrs import evolve

from ..._checks import check_bool
from ...errors import InvalidParameterError
from ._base import Step, check_new_data, check_trained, register_step, select_columns, step_class, tidy_frame, untrained_terms

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..selectors import Selector

__all__ = ["StepCleanNames", "step_clean_names"]

_REPLACE = (("'", ""), ('"', ""), ("%", "_percent_"), ("#", "_number_"))


def _clean_one(name: Any) -> str:
    s = "" if name is None else str(name)
    for old, new in _REPLACE:
        s = s.replace(old, new)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)          # camelCase -> camel_Case
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)        # ABCDef -> ABC_Def
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()
    if not s:
        s = "x"
    elif s[0].isdigit():
        s = "x" + s
    return s


def make_clean_names(names: list[Any], allow_dupes: bool = False) -> list[str]:
    """janitor's ``make_clean_names()``: ASCII snake_case, unique (``_2``, ``_3`` for repeats).

    Quotes are dropped, ``%`` becomes ``percent`` and ``#`` ``number``; camelCase is split; any
    other run of non-alphanumerics becomes ``_``; a name starting with a digit gets an ``x``
    prefix; an empty name becomes ``x``.

    Examples
    --------
    >>> make_clean_names(["Sepal.Length", "myVar2", "% Done", "1st place", "ABCDef", "a", "A"])
    ['sepal_length', 'my_var2', 'percent_done', 'x1st_place', 'abc_def', 'a', 'a_2']
    """
    cleaned = [_clean_one(n) for n in names]
    if allow_dupes:
        return cleaned
    seen: dict[str, int] = {}
    out = []
    for s in cleaned:
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s}_{seen[s]}")
    return out


@step_class
class StepCleanNames(Step):
    """Trained state: ``clean``, ``{old: new}`` (see :func:`step_clean_names`)."""

    name: ClassVar[str] = "step_clean_names"
    description: ClassVar[str] = "Cleaning variable names for"

    clean: dict[str, str] | None = None

    def prep(self, training: pd.DataFrame, info: pd.DataFrame) -> StepCleanNames:
        cols = select_columns(self, info)
        new = make_clean_names(list(cols))
        others = set(training.columns) - set(cols)
        clash = [n for n in new if n in others]
        if clash:
            raise InvalidParameterError(
                f"step_clean_names(): the cleaned name(s) {clash} are already names of unselected columns; "
                "select those columns too or rename them first."
            )
        return evolve(self, trained=True, columns=cols, clean=dict(zip(cols, new)))

    def bake(self, new_data: pd.DataFrame) -> pd.DataFrame:
        check_trained(self)
        check_new_data(self.columns, new_data, self)
        changes = {o: n for o, n in self.clean.items() if o != n}
        return new_data.rename(columns=changes) if changes else new_data

    def renamed_columns(self) -> dict[str, str]:
        return {o: n for o, n in (self.clean or {}).items() if o != n}

    def tidy(self) -> pd.DataFrame:
        if not self.trained:
            terms = untrained_terms(self)
            return tidy_frame(self, terms=pd.Series(terms, dtype=object), value=pd.Series([None] * len(terms), dtype=object))
        return tidy_frame(self, terms=pd.Series(list(self.clean), dtype=object),
                          value=pd.Series(list(self.clean.values()), dtype=object))


@register_step
def step_clean_names(recipe: Recipe, *selectors: Selector | str, skip: bool = False, id: str | None = None) -> Recipe:
    """Rename the selected columns to clean snake_case names (janitor's ``make_clean_names``).

    R: ``textrecipes::step_clean_names(recipe, ...)``; ``tidy()`` gives ``terms`` (original) and
    ``value`` (clean name). Cleaned names keep their roles only when unchanged; a renamed column is
    a new variable of the recipe with the role "predictor".

    Parameters
    ----------
    recipe : Recipe
    *selectors : Selector or str
    skip : bool, default False
    id : str, optional

    Returns
    -------
    Recipe

    Examples
    --------
    >>> import pandas as pd
    >>> from pytidy.recipes import recipe, all_predictors
    >>> df = pd.DataFrame({"y": [1.0], "Sepal.Length": [5.1], "Petal Width%": [0.2]})
    >>> recipe("y ~ .", df).step_clean_names(all_predictors()).prep().bake(None).columns.tolist()
    ['sepal_length', 'petal_width_percent', 'y']
    """
    check_bool(skip, "skip", "step_clean_names()")
    return recipe.add_step(StepCleanNames(terms=selectors, skip=skip, id=id))
