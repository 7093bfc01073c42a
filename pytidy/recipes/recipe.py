"""Recipe, PreparedRecipe and the verbs recipe(), prep(), bake(), juice() (R: ``recipes/R/recipe.R``).

A :class:`Recipe` is a frozen description: variable information (``var_info``), the template data
and a tuple of untrained steps. :meth:`Recipe.prep` trains the steps in order on the training data
and returns a :class:`PreparedRecipe`, which :meth:`~PreparedRecipe.bake` applies to new data.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from attrs import evolve, field, frozen

from .._checks import check_choice
from ..errors import InvalidParameterError, NotTrainedError, PytidyWarning
from ._formula import parse_formula
from ._types import column_type
from .selectors import Selector, eval_select
from ._step_methods import StepMethods
from .steps._base import Step, attach_steps
from .steps._stats import select_frame

__all__ = [
    "Recipe",
    "PreparedRecipe",
    "recipe",
    "prep",
    "bake",
    "juice",
    "update_role",
    "add_role",
    "remove_role",
]

logger = logging.getLogger(__name__)

INFO_COLUMNS = ["variable", "type", "role", "source"]
_COMPOSITIONS = ("pandas", "numpy")
_NOT_REQUIRED_ROLES = {"outcome", "case_weights"}


def _info_frame(rows: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=INFO_COLUMNS)
    for col in INFO_COLUMNS:
        frame[col] = frame[col].astype(object)
    return frame


def _check_frame(data: Any, owner: str, what: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    from .._frames import as_frame  # polars, pyarrow, numpy and nullable dtypes (pytidy/_frames.py)

    data = as_frame(data, what, owner, columns=columns, keep_nullable_int=True)
    if not all(isinstance(c, str) for c in data.columns):
        bad = [c for c in data.columns if not isinstance(c, str)][:5]
        raise InvalidParameterError(
            f"{owner}: every column name of `{what}` must be a string; got {bad}. "
            "Rename them, e.g. data.columns = data.columns.astype(str)."
        )
    if data.columns.has_duplicates:
        dup = list(data.columns[data.columns.duplicated()].unique())
        raise InvalidParameterError(f"{owner}: `{what}` has duplicated column names {dup}.")
    return data


def _as_step_tuple(steps: Sequence[Step] | tuple[Step, ...]) -> tuple[Step, ...]:
    return tuple(steps)


def _roles_of(info: pd.DataFrame, variable: str) -> list[str | None]:
    return list(info.loc[info["variable"] == variable, "role"])


def _names_with_role(info: pd.DataFrame, role: str) -> list[str]:
    return list(dict.fromkeys(info.loc[info["role"] == role, "variable"]))


# ---------------------------------------------------------------------------------------------


@frozen(eq=False, repr=False)
class Recipe(StepMethods):
    """An untrained preprocessing recipe (R: an object of class ``recipe``).

    Build it with :func:`recipe`; add steps by chaining ``rec.step_*()``; train it with
    :meth:`prep`. Every verb returns a new recipe.

    Attributes
    ----------
    var_info : DataFrame
        ``variable, type, role, source``: one row per variable and role. ``type`` holds R's type
        list as a tuple, e.g. ``("double", "numeric")``; ``role`` is None when undeclared.
    template : DataFrame
        The data given to :func:`recipe` (restricted to the recipe's variables); ``prep()``
        trains on it when no ``training`` is passed.
    steps : tuple of Step
        The untrained steps, in order.
    formula : str or None
        The formula the recipe was made from, if any.
    """

    var_info: pd.DataFrame
    template: pd.DataFrame
    steps: tuple[Step, ...] = field(default=(), converter=_as_step_tuple)
    formula: str | None = None

    # ---- information ---------------------------------------------------------------------
    @property
    def term_info(self) -> pd.DataFrame:
        """Before training the current terms are the original variables (R: ``summary(rec)``)."""
        return self.var_info.copy()

    @property
    def outcomes(self) -> list[str]:
        """Names of the variables with the role ``"outcome"``."""
        return _names_with_role(self.var_info, "outcome")

    @property
    def predictors(self) -> list[str]:
        """Names of the variables with the role ``"predictor"``."""
        return _names_with_role(self.var_info, "predictor")

    def summary(self) -> pd.DataFrame:
        """``var_info`` (R: ``summary(recipe)``)."""
        return self.term_info

    def __repr__(self) -> str:
        lines = ["Recipe", "", "Inputs:"]
        roles = self.var_info["role"].fillna("<undeclared>").value_counts(sort=False)
        for role, n in roles.items():
            lines.append(f"  {role}: {n}")
        if self.steps:
            lines += ["", "Operations:"]
            lines += [f"  {i}. {s!r}" for i, s in enumerate(self.steps, 1)]
        return "\n".join(lines)

    # ---- steps ---------------------------------------------------------------------------
    def add_step(self, step: Step) -> Recipe:
        """Append ``step``; give it the id ``"<type>_<n>"`` if it has none.

        R uses random ids (``rand_id("normalize")`` gives ``"normalize_a1B2c"``); pytidy counts
        per recipe, so the same recipe code always gives the same ids.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).step_center("x").step_center("x")
        >>> [s.id for s in rec.steps]
        ['center_1', 'center_2']
        """
        if not isinstance(step, Step):
            raise InvalidParameterError(
                f"add_step() needs a Step object (a subclass of pytidy.recipes.Step); got {type(step).__name__}."
            )
        taken = {s.id for s in self.steps}
        if step.id is None:
            n = sum(1 for s in self.steps if s.type == step.type) + 1
            while f"{step.type}_{n}" in taken:
                n += 1
            step = evolve(step, id=f"{step.type}_{n}")
        elif not isinstance(step.id, str) or not step.id:
            raise InvalidParameterError(f"`id` of {step.name}() must be a non-empty string; got {step.id!r}.")
        elif step.id in taken:
            raise InvalidParameterError(
                f"{step.name}(): the id {step.id!r} is already used by another step of this recipe; "
                "ids must be unique. Pass another `id` or leave it out."
            )
        return evolve(self, steps=(*self.steps, step))

    # ---- roles ---------------------------------------------------------------------------
    def update_role(self, *selectors: Selector | str, new_role: str = "predictor", old_role: str | None = None) -> Recipe:
        """Change the role of the selected variables (R: ``update_role()``).

        Parameters
        ----------
        *selectors : Selector or str
            Variables to change.
        new_role : str, default "predictor"
        old_role : str, optional
            Needed when a selected variable has more than one role: which one to replace.

        Examples
        --------
        >>> df = pd.DataFrame({"id": [1, 2], "y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).update_role("id", new_role="id variable")
        >>> rec.predictors
        ['x']
        """
        _check_role(new_role, "new_role", "update_role()")
        cols = eval_select(selectors, self.var_info)
        info = self.var_info.copy()
        for col in cols:
            mask = info["variable"] == col
            if old_role is None:
                if mask.sum() > 1:
                    raise InvalidParameterError(
                        f"update_role(): {col!r} has several roles {_roles_of(info, col)}; "
                        "pass `old_role` to say which one to replace."
                    )
            else:
                mask &= info["role"] == old_role
                if not mask.any():
                    raise InvalidParameterError(
                        f"update_role(): {col!r} has no role {old_role!r} (its roles: {_roles_of(info, col)})."
                    )
            info.loc[mask, "role"] = new_role
        return evolve(self, var_info=_dedup(info))

    def add_role(self, *selectors: Selector | str, new_role: str = "predictor", new_type: str | None = None) -> Recipe:
        """Give the selected variables an additional role (R: ``add_role()``).

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).add_role("x", new_role="important")
        >>> rec.var_info.loc[rec.var_info.variable == "x", "role"].tolist()
        ['predictor', 'important']
        """
        _check_role(new_role, "new_role", "add_role()")
        cols = eval_select(selectors, self.var_info)
        info = self.var_info.copy()
        rows = []
        for col in cols:
            current = _roles_of(info, col)
            if all(r is None for r in current):
                raise InvalidParameterError(
                    f"add_role(): {col!r} has no role yet; use update_role() to set its first role."
                )
            if new_role in current:
                warnings.warn(f"add_role(): {col!r} already has the role {new_role!r}.", PytidyWarning, stacklevel=2)
                continue
            first = info.loc[info["variable"] == col].iloc[0]
            types = (new_type,) if new_type is not None else first["type"]
            rows.append((col, types, new_role, first["source"]))
        if rows:
            info = pd.concat([info, _info_frame(rows)], ignore_index=True)
            order = {v: i for i, v in enumerate(dict.fromkeys(info["variable"]))}
            info = info.iloc[np.argsort([order[v] for v in info["variable"]], kind="stable")].reset_index(drop=True)
        return evolve(self, var_info=info)

    def remove_role(self, *selectors: Selector | str, old_role: str) -> Recipe:
        """Remove one role of the selected variables; a variable left without roles gets None.

        R: ``remove_role()``.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).remove_role("x", old_role="predictor")
        >>> rec.var_info.role.tolist()
        [None, 'outcome']
        """
        _check_role(old_role, "old_role", "remove_role()")
        cols = eval_select(selectors, self.var_info)
        info = self.var_info.copy()
        drop = []
        for col in cols:
            idx = info.index[(info["variable"] == col) & (info["role"] == old_role)]
            if len(idx) == 0:
                warnings.warn(
                    f"remove_role(): {col!r} does not have the role {old_role!r}.", PytidyWarning, stacklevel=2
                )
                continue
            if (info["variable"] == col).sum() > 1:
                drop.extend(idx)
            else:
                info.loc[idx, "role"] = None
        info = info.drop(index=drop).reset_index(drop=True)
        return evolve(self, var_info=info)

    # ---- tidy / tuning -------------------------------------------------------------------
    def tidy(self, number: int | None = None, id: str | None = None, **options: Any) -> pd.DataFrame:
        """Summarise the steps, or one step (R: ``tidy.recipe``).

        Parameters
        ----------
        number : int, optional
            1-based position of a step: return that step's own tidy frame.
        id : str, optional
            Or pick the step by its id.
        **options
            Passed to that step's ``tidy()``, e.g. ``type="variance"`` for ``step_pca`` (R's ``...``).

        Returns
        -------
        DataFrame
            Without arguments: ``number, operation, type, trained, skip, id``.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).step_normalize("x")
        >>> rec.tidy()
           number operation       type  trained   skip           id
        0       1      step  normalize    False  False  normalize_1
        >>> rec.tidy(1)
          terms statistic  value           id
        0     x      None    NaN  normalize_1
        """
        return _tidy_steps(self.steps, number, id, **options)

    def extract_parameter_set_dials(self) -> Any:
        """The ``tune()`` step arguments as a dials ParameterSet (R: ``extract_parameter_set_dials(recipe)``)."""
        from ..dials import ParameterSet

        return ParameterSet.from_rows(self.tunable())

    def tunable(self) -> list[dict[str, Any]]:
        """Step arguments set to ``tune()``, as rows for a dials parameter set.

        Returns
        -------
        list of dict
            ``name, id, source="recipe", component=<step name>, component_id=<step id>,
            object=<dials parameter>``, in step order (R: ``tunable.recipe`` filtered to
            ``tune()`` arguments, as ``extract_parameter_set_dials`` does).

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> recipe("y ~ .", df).step_normalize("x").tunable()
        []
        """
        rows = []
        for step in self.steps:
            factories = step.tunable()
            for arg in step.tune_args():
                if arg not in factories:
                    raise InvalidParameterError(
                        f"{step.name}(): the argument {arg!r} is set to tune() but is not tunable; "
                        f"tunable arguments: {sorted(factories)}."
                    )
                value = getattr(step, arg)
                rows.append(
                    {
                        "name": arg,
                        "id": value.id or arg,
                        "source": "recipe",
                        "component": step.name,
                        "component_id": step.id,
                        "object": factories[arg](),
                    }
                )
        return rows

    def finalize(self, values: Mapping[str, Any]) -> Recipe:
        """Replace ``tune()`` arguments by ``values[id]`` (R: ``finalize_recipe``).

        Keys that match no tuned argument are ignored, so a workflow can pass its model
        parameters too; arguments without a value stay ``tune()``.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 5.0]})
        >>> rec = recipe("y ~ .", df).step_normalize("x")
        >>> rec.finalize({"num_comp": 3}).steps == rec.steps
        True
        """
        if isinstance(values, pd.DataFrame):
            if len(values) != 1:
                raise InvalidParameterError(
                    f"finalize() needs one row of parameter values; got a DataFrame with {len(values)} rows."
                )
            values = values.iloc[0].to_dict()
        if not isinstance(values, Mapping):
            raise InvalidParameterError(f"finalize() needs a dict of parameter values; got {type(values).__name__}.")
        steps = []
        for step in self.steps:
            changes = {}
            for arg in step.tune_args():
                key = getattr(step, arg).id or arg
                if key in values:
                    value = values[key]
                    if isinstance(value, np.generic):
                        value = value.item()
                    changes[arg] = value
            steps.append(evolve(step, **changes) if changes else step)
        return evolve(self, steps=tuple(steps))

    # ---- training ------------------------------------------------------------------------
    def prep(
        self,
        training: pd.DataFrame | None = None,
        retain: bool = True,
        fresh: bool = False,
        verbose: bool = False,
        strings_as_factors: bool = True,
    ) -> PreparedRecipe:
        """Train the steps in order (R: ``prep.recipe``).

        Each step is prepped on the current training data and then baked on it, so the next step
        sees its output. Steps with ``skip=True`` are applied too (R), so the retained data has
        them. ``training`` itself is never changed.

        Parameters
        ----------
        training : DataFrame, optional
            Data to estimate on; default the data given to :func:`recipe`.
        retain : bool, default True
            Keep the processed training data, for ``bake(new_data=None)`` / ``juice()``.
        fresh : bool, default False
            Accepted for R compatibility: an untrained recipe is always trained from scratch.
        verbose : bool, default False
            Print one line per step (R: ``oper 1 step normalize [training]``).
        strings_as_factors : bool, default True
            Turn string columns into categoricals with sorted levels, at prep and at bake (R).

        Returns
        -------
        PreparedRecipe

        Raises
        ------
        InvalidParameterError
            If a step argument is still ``tune()``, or ``training`` lacks a variable.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0], "x": [1.0, 2.0, 3.0]})
        >>> prepped = recipe("y ~ .", df).step_center("x").prep()
        >>> prepped.bake(None)["x"].tolist()
        [-1.0, 0.0, 1.0]
        """
        for step in self.steps:
            args = step.tune_args()
            if args:
                listed = ", ".join(f"'{a}'" for a in args)
                raise InvalidParameterError(
                    f"You cannot prep() a tunable recipe. Argument(s) with tune(): {listed} "
                    f"(in {step.name}(), id {step.id!r}). Do you want to use a tuning function such as "
                    "tune_grid()? Or replace the values with rec.finalize({...})."
                )
        if training is None:
            training = self.template
        training = _check_frame(training, "prep()", "training")
        variables = list(dict.fromkeys(self.var_info["variable"]))
        missing = [v for v in variables if v not in set(training.columns)]
        if missing:
            raise InvalidParameterError(
                f"prep(): `training` lacks the column(s) {missing} that the recipe uses. "
                f"Available columns: {list(training.columns)[:20]}."
            )
        data = select_frame(training, variables)   # no copy of the data
        orig_levels: dict[str, list[Any]] = {}
        if strings_as_factors:
            for col in variables:
                if column_type(data[col])[0] == "string":
                    orig_levels[col] = sorted(pd.unique(data[col].dropna()).tolist())
            if orig_levels:
                data = data.assign(
                    **{c: pd.Categorical(data[c], categories=lv) for c, lv in orig_levels.items()}
                )
        info = _retype(self.var_info, data)
        seen = _Seen(info)
        trained = []
        for i, step in enumerate(self.steps, 1):
            if verbose:
                print(f"oper {i} {step.name.replace('_', ' ')} [training]")
            before = list(data.columns)
            new_step = step.prep(data, info)
            if not isinstance(new_step, Step) or not new_step.trained:
                raise InvalidParameterError(
                    f"{step.name}.prep() must return a trained copy of the step (trained=True); "
                    f"got {new_step!r}."
                )
            data = new_step.bake(data)
            if not isinstance(data, pd.DataFrame):
                raise InvalidParameterError(f"{step.name}.bake() must return a pandas DataFrame.")
            renamed = new_step.renamed_columns() if hasattr(new_step, "renamed_columns") else {}
            info = _merge_info(info, data, getattr(new_step, "role", None) or "predictor", renamed)
            seen.add(info)
            trained.append(new_step)
            logger.debug("%s: %d -> %d columns", new_step.id, len(before), data.shape[1])
        levels = {
            c: list(data[c].cat.categories) for c in data.columns if isinstance(data[c].dtype, pd.CategoricalDtype)
        }
        return PreparedRecipe(
            recipe=self,
            steps=tuple(trained),
            var_info=self.var_info,
            term_info=info,
            last_term_info=seen.frame(),
            template=data if retain else data.iloc[:0].copy(),   # a view would keep the data alive
            retained=retain,
            orig_levels=orig_levels,
            levels=levels,
            strings_as_factors=strings_as_factors,
            tr_info={"nrows": len(data), "ncomplete": _n_complete(training, variables)},
        )

    def bake(self, *args: Any, **kwargs: Any) -> Any:
        """An untrained recipe cannot bake: raises :class:`NotTrainedError`."""
        raise NotTrainedError("bake() needs a prepped recipe: call rec.prep() (or prep(rec)) first.")

    def juice(self, *args: Any, **kwargs: Any) -> Any:
        """An untrained recipe has no processed data: raises :class:`NotTrainedError`."""
        raise NotTrainedError("juice() needs a prepped recipe: call rec.prep() (or prep(rec)) first.")


attach_steps(Recipe)


def _n_complete(data: pd.DataFrame, columns: Sequence[str]) -> int:
    """Number of rows without a missing value in ``columns`` (column by column: no frame copy)."""
    complete = np.ones(len(data), dtype=bool)
    for col in columns:
        na = data[col].isna().to_numpy()
        if na.any():
            complete &= ~na
    return int(complete.sum())


def _check_role(role: Any, name: str, owner: str) -> None:
    if not isinstance(role, str) or not role:
        raise InvalidParameterError(f"`{name}` in {owner} must be a non-empty string; got {role!r}.")


def _dedup(info: pd.DataFrame) -> pd.DataFrame:
    key = list(zip(info["variable"], info["role"]))
    keep = [k not in set(key[:i]) for i, k in enumerate(key)]
    return info[keep].reset_index(drop=True)


def _retype(info: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    info = info.copy()
    types = {c: column_type(data[c]) for c in dict.fromkeys(info["variable"])}
    info["type"] = pd.Series([types[v] for v in info["variable"]], index=info.index, dtype=object)
    return info


def _merge_info(info: pd.DataFrame, data: pd.DataFrame, role: str,
                renamed: dict[str, str] | None = None) -> pd.DataFrame:
    """Term info after a step: kept columns keep their roles, renamed ones (``{old: new}``) carry
    theirs to the new name, new ones get ``role`` and "derived"."""
    by_var: dict[str, list[tuple]] = {}
    for row in info.itertuples(index=False):
        by_var.setdefault(row.variable, []).append((row.role, row.source, row.type))
    for old_name, new_name in (renamed or {}).items():
        if old_name in by_var and new_name not in by_var:
            by_var[new_name] = by_var.pop(old_name)
    rows: list[tuple[Any, ...]] = []
    type_cache: dict[str, tuple[str, ...]] = {}
    for col in data.columns:
        dtype = data[col].dtype
        if col in by_var and not pd.api.types.is_object_dtype(dtype):
            old_types = by_var[col][0][2]
            key = str(dtype)
            t = type_cache.get(key) if not isinstance(dtype, pd.CategoricalDtype) else None
            if t is None:
                t = column_type(data[col])
                type_cache[key] = t
            types = t if t else old_types
        else:
            types = column_type(data[col])
        if col in by_var:
            rows.extend((col, types, r, s) for r, s, _ in by_var[col])
        else:
            rows.append((col, types, role, "derived"))
    return _info_frame(rows)


class _Seen:
    """Every variable seen during prep with its last info (R's ``last_term_info``)."""

    def __init__(self, info: pd.DataFrame) -> None:
        self.rows: dict[str, pd.DataFrame] = {}
        self.add(info)

    def add(self, info: pd.DataFrame) -> None:
        for var, part in info.groupby("variable", sort=False):
            self.rows[var] = part

    def frame(self) -> pd.DataFrame:
        return pd.concat(list(self.rows.values()), ignore_index=True)


def _tidy_steps(steps: Sequence[Step], number: int | None, id: str | None, **options: Any) -> pd.DataFrame:
    if number is None and id is None:
        if options:
            raise InvalidParameterError(
                f"tidy(): options {sorted(options)} apply to one step; pass `number=` or `id=` too."
            )
        return pd.DataFrame(
            {
                "number": pd.Series(range(1, len(steps) + 1), dtype="int64"),
                "operation": pd.Series(["step"] * len(steps), dtype=object),
                "type": pd.Series([s.type for s in steps], dtype=object),
                "trained": pd.Series([s.trained for s in steps], dtype=bool),
                "skip": pd.Series([s.skip for s in steps], dtype=bool),
                "id": pd.Series([s.id for s in steps], dtype=object),
            }
        )
    if number is not None and id is not None:
        raise InvalidParameterError("tidy(): pass either `number` or `id`, not both.")
    if id is not None:
        found = [s for s in steps if s.id == id]
        if not found:
            raise InvalidParameterError(
                f"tidy(): no step has the id {id!r}. Step ids: {[s.id for s in steps]}."
            )
        return found[0].tidy(**options)
    if isinstance(number, bool) or not isinstance(number, (int, np.integer)) or not 1 <= number <= len(steps):
        raise InvalidParameterError(
            f"tidy(): `number` must be a whole number between 1 and {len(steps)} (the step's position); "
            f"got {number!r}."
        )
    return steps[int(number) - 1].tidy(**options)


# ---------------------------------------------------------------------------------------------


@frozen(eq=False, repr=False)
class PreparedRecipe:
    """A trained recipe (R: a ``recipe`` after ``prep()``); made by :meth:`Recipe.prep`.

    Attributes
    ----------
    recipe : Recipe
        The untrained recipe it was prepped from.
    steps : tuple of Step
        The trained steps.
    var_info, term_info : DataFrame
        Variables before and after the steps (``variable, type, role, source``).
    template : DataFrame
        The processed training data (zero rows when ``retain=False``).
    """

    recipe: Recipe
    steps: tuple[Step, ...]
    var_info: pd.DataFrame
    term_info: pd.DataFrame
    last_term_info: pd.DataFrame
    template: pd.DataFrame
    retained: bool
    orig_levels: dict[str, list[Any]]
    levels: dict[str, list[Any]]
    strings_as_factors: bool = True
    tr_info: dict[str, int] = field(factory=dict)

    @property
    def outcomes(self) -> list[str]:
        """Names of the variables with the role ``"outcome"`` after the steps."""
        return _names_with_role(self.term_info, "outcome")

    @property
    def predictors(self) -> list[str]:
        """Names of the variables with the role ``"predictor"`` after the steps."""
        return _names_with_role(self.term_info, "predictor")

    def summary(self) -> pd.DataFrame:
        """``term_info`` (R: ``summary(prepped)``)."""
        return self.term_info.copy()

    def __repr__(self) -> str:
        nrows, ncomplete = self.tr_info.get("nrows", 0), self.tr_info.get("ncomplete", 0)
        head = repr(self.recipe).split("\n\nOperations:")[0]
        lines = [head, "", f"Training data contained {nrows} data points and "
                 + ("no missing data." if nrows == ncomplete else f"{nrows - ncomplete} incomplete rows.")]
        if self.steps:
            lines += ["", "Operations:"] + [f"  {i}. {s!r}" for i, s in enumerate(self.steps, 1)]
        return "\n".join(lines)

    def prep(self, training: pd.DataFrame | None = None, retain: bool = True, fresh: bool = False,
             verbose: bool = False, strings_as_factors: bool | None = None) -> PreparedRecipe:
        """Return itself (all steps are trained), or re-train every step when ``fresh=True`` (R).

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
        >>> p = recipe("y ~ .", df).step_center("x").prep()
        >>> p.prep() is p
        True
        >>> p.prep(df.assign(x=[0.0, 0.0]), fresh=True).bake(None)["x"].tolist()
        [0.0, 0.0]
        """
        if not fresh:
            return self
        sf = self.strings_as_factors if strings_as_factors is None else strings_as_factors
        return self.recipe.prep(training, retain=retain, verbose=verbose, strings_as_factors=sf)

    def tidy(self, number: int | None = None, id: str | None = None, **options: Any) -> pd.DataFrame:
        """As :meth:`Recipe.tidy`, with the trained statistics.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
        >>> recipe("y ~ .", df).step_center("x").prep().tidy(1)
          terms  value        id
        0     x    2.0  center_1
        """
        return _tidy_steps(self.steps, number, id, **options)

    def tunable(self) -> list[dict[str, Any]]:
        """A trained recipe has nothing left to tune."""
        return []

    def bake(self, new_data: pd.DataFrame | None = None, *selectors: Selector | str,
             composition: str = "pandas") -> pd.DataFrame | np.ndarray:
        """Apply the trained steps to ``new_data`` (R: ``bake.recipe``).

        Parameters
        ----------
        new_data : DataFrame or None
            Data to process. None returns the processed training data (= :meth:`juice`).
            Columns the recipe does not know are dropped; outcome columns may be absent
            (prediction time); other missing variables raise an error naming them.
        *selectors : Selector or str
            Which output columns to return (default: all).
        composition : {"pandas", "numpy"}
            A DataFrame, or a 2-D numpy array (all output columns must be numeric or logical).

        Returns
        -------
        DataFrame or ndarray
            Rows in the order and with the index of ``new_data``; ``new_data`` is not changed.

        Examples
        --------
        >>> df = pd.DataFrame({"y": [0.0, 1.0, 0.0], "x": [1.0, 2.0, 3.0]})
        >>> p = recipe("y ~ .", df).step_normalize("x").prep()
        >>> p.bake(pd.DataFrame({"x": [2.0, 4.0]}))
             x
        0  0.0
        1  2.0
        >>> p.bake(None, "x", composition="numpy")
        array([[-1.],
               [ 0.],
               [ 1.]])
        """
        check_choice(composition, "composition", "bake()", _COMPOSITIONS)
        if new_data is None:
            return self.juice(*selectors, composition=composition)
        if isinstance(new_data, np.ndarray) and new_data.ndim == 2:  # name an array's columns as the recipe's
            every = [str(c) for c in self.recipe.template.columns]  # the data's own column order
            inputs = [v for v in every if v not in set(_names_with_role(self.var_info, "outcome"))]
            new_data = _check_frame(new_data, "bake()", "new_data",
                                    columns=every if new_data.shape[1] == len(every) else inputs)
        new_data = _check_frame(new_data, "bake()", "new_data")
        have = set(new_data.columns)
        required = [
            v for v, part in self.var_info.groupby("variable", sort=False)
            if v not in have and not set(part["role"]).issubset(_NOT_REQUIRED_ROLES)
        ]
        if required:
            raise InvalidParameterError(
                f"bake(): new_data lacks the column(s) {required} that the recipe was prepped with. "
                "Only outcome (and case weight) columns may be absent."
            )
        keep = [v for v in dict.fromkeys(self.var_info["variable"]) if v in have]
        data = select_frame(new_data, keep)   # no copy of the data
        _check_kinds(data, self.var_info)
        if self.orig_levels:
            data = _strings_to_factors(data, self.orig_levels)
        for step in self.steps:
            if step.skip:
                continue
            data = step.bake(data)
        info = self.last_term_info[self.last_term_info["variable"].isin(set(data.columns))]
        info = _order_like(info, data.columns)
        # columns that a skipped step worked on need not have the levels the step gave them at prep
        skipped = {c for s in self.steps if s.skip for c in (s.columns or ())}
        levels = {c: lv for c, lv in self.levels.items() if c not in skipped} if skipped else self.levels
        return _finish(data, selectors, info, levels, composition)

    def juice(self, *selectors: Selector | str, composition: str = "pandas") -> pd.DataFrame | np.ndarray:
        """The processed training data, every step applied (R: ``juice()``, superseded by ``bake(NULL)``).

        Examples
        --------
        >>> df = pd.DataFrame({"y": [0.0, 1.0], "x": [1.0, 3.0]})
        >>> from pytidy.recipes import all_predictors
        >>> recipe("y ~ .", df).step_center("x").prep().juice(all_predictors())
             x
        0 -1.0
        1  1.0
        """
        check_choice(composition, "composition", "juice()", _COMPOSITIONS)
        if not self.retained:
            raise InvalidParameterError(
                "juice() / bake(new_data=None) need the training data: prep the recipe with retain=True."
            )
        return _finish(self.template, selectors, self.term_info, {}, composition)


def _check_kinds(data: pd.DataFrame, var_info: pd.DataFrame) -> None:
    """New data must have the kinds the recipe was made with (R recipes: bake's type check)."""
    from ..hardhat import check_ptype

    ptype = {}
    for v, types in zip(var_info["variable"], var_info["type"]):
        types = tuple(types or ())
        if "numeric" in types or "logical" in types:
            ptype[v] = "numeric"
        elif "nominal" in types:
            ptype[v] = "nominal"
    check_ptype(data, ptype, "bake()")


def _order_like(info: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    pos = {c: i for i, c in enumerate(columns)}
    return info.iloc[np.argsort([pos[v] for v in info["variable"]], kind="stable")]


def _strings_to_factors(data: pd.DataFrame, levels: Mapping[str, list[Any]]) -> pd.DataFrame:
    """String columns to categoricals with the training levels; unseen values are added after them."""
    changes = {}
    for col, lv in levels.items():
        if col not in data.columns:
            continue
        values = data[col]
        if isinstance(values.dtype, pd.CategoricalDtype):
            continue
        uniq = pd.unique(values.dropna())
        known = set(lv)
        extra = sorted(u for u in uniq.tolist() if u not in known)
        changes[col] = pd.Categorical(values, categories=list(lv) + extra)
    return data.assign(**changes) if changes else data


def _finish(
    data: pd.DataFrame,
    selectors: Sequence[Selector | str],
    info: pd.DataFrame,
    levels: Mapping[str, list[Any]],
    composition: str,
) -> pd.DataFrame | np.ndarray:
    if selectors:
        cols = eval_select(selectors, info)
        data = data[cols]
    relevel = {}
    for col, lv in levels.items():
        if col in data.columns and isinstance(data[col].dtype, pd.CategoricalDtype):
            if list(data[col].cat.categories) != lv:
                relevel[col] = data[col].cat.set_categories(lv)
    if relevel:
        data = data.assign(**relevel)
    if composition == "numpy":
        bad = [c for c in data.columns if not (pd.api.types.is_numeric_dtype(data[c].dtype)
                                               or pd.api.types.is_bool_dtype(data[c].dtype))]
        if bad:
            raise InvalidParameterError(
                f"composition='numpy' needs numeric columns; {bad} are not. Select numeric columns "
                "(e.g. all_numeric_predictors()) or add step_dummy() for factors."
            )
        return data.to_numpy(dtype=float, na_value=np.nan)
    return data


# ---------------------------------------------------------------------------------------------
# constructors and free verbs


def recipe(
    x: str | pd.DataFrame,
    data: pd.DataFrame | str | None = None,
    *,
    vars: Sequence[str] | None = None,
    roles: Sequence[str] | None = None,
) -> Recipe:
    """Create a recipe: the variables, their roles, and (later) the preprocessing steps.

    Parameters
    ----------
    x : str or DataFrame
        A formula such as ``"y ~ ."``, ``"y ~ a + b"``, ``"y ~ . - id"``, ``"y1 + y2 ~ ."`` or
        ``"~ ."`` (then ``data`` is the data), or the data itself.
    data : DataFrame or str, optional
        The template data when ``x`` is a formula; a formula when ``x`` is the data.
    vars, roles : sequence of str, optional
        Without a formula: the variables to use (default all columns) and one role per variable
        (default None, undeclared), R's ``recipe(x, vars = , roles = )``.

    Returns
    -------
    Recipe

    Notes
    -----
    The formula only selects variables and gives the roles "outcome" (left side) and
    "predictor" (right side); ``.`` means all other columns. Variables are ordered predictors
    first, then outcomes, as in R. In-line functions are refused. R: a ``-`` in a recipe formula
    is an error; pytidy accepts ``- name`` to leave a column out.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "a": [1, 2], "b": ["u", "v"]})
    >>> recipe("y ~ .", df).var_info
      variable                          type       role    source
    0        a           (integer, numeric)  predictor  original
    1        b  (string, unordered, nominal)  predictor  original
    2        y             (double, numeric)    outcome  original
    >>> recipe(df, vars=["y", "a"], roles=["outcome", "predictor"]).predictors
    ['a']
    """
    if not isinstance(x, (str, pd.DataFrame)) and (hasattr(x, "columns") or getattr(x, "ndim", 0) == 2):
        x = _check_frame(x, "recipe()", "data")  # polars/pyarrow frames, 2-D arrays
    if isinstance(x, pd.DataFrame):
        frame, formula = x, data
        if formula is not None and not isinstance(formula, str):
            raise InvalidParameterError(
                f"recipe(data, formula): the second argument must be a formula string; got {type(formula).__name__}."
            )
    elif isinstance(x, str):
        formula, frame = x, data
        if hasattr(frame, "columns") or getattr(frame, "ndim", 0) == 2:
            frame = _check_frame(frame, "recipe()", "data")
        if not isinstance(frame, pd.DataFrame):
            raise InvalidParameterError(
                f"recipe(formula, data): `data` must be a pandas DataFrame; got {type(frame).__name__}."
            )
    else:
        raise InvalidParameterError(
            f"recipe() needs a formula string and a DataFrame, or a DataFrame; got {type(x).__name__}."
        )
    frame = _check_frame(frame, "recipe()", "data")
    if formula is not None:
        if vars is not None:
            raise InvalidParameterError("recipe(): `vars` cannot be used together with a formula; use one or the other.")
        if roles is not None:
            raise InvalidParameterError("recipe(): `roles` cannot be used together with a formula; use one or the other.")
        outcomes, predictors = parse_formula(formula, list(frame.columns))
        vars = predictors + outcomes
        role_list: list[str | None] = [*(["predictor"] * len(predictors)), *(["outcome"] * len(outcomes))]
    else:
        vars = list(frame.columns) if vars is None else list(vars)
        if len(set(vars)) != len(vars):
            raise InvalidParameterError(f"recipe(): `vars` must have unique members; got {vars}.")
        unknown = [v for v in vars if v not in set(frame.columns)]
        if unknown:
            raise InvalidParameterError(f"recipe(): the `vars` {unknown} are not columns of the data.")
        if roles is None:
            role_list = [None] * len(vars)
        else:
            role_list = list(roles)
            if len(role_list) != len(vars):
                raise InvalidParameterError(
                    f"recipe(): `roles` must have one role per variable: {len(vars)} variables, {len(role_list)} roles."
                )
    template = select_frame(frame, list(vars))   # views: no copy of the data
    roles = _case_weight_roles(template, list(vars), list(role_list))
    rows = [(v, column_type(template[v]), r, "original") for v, r in zip(vars, roles)]
    return Recipe(var_info=_info_frame(rows), template=template, formula=formula)


def _case_weight_roles(template: pd.DataFrame, vars: list[str], roles: list[Any]) -> list[Any]:
    """A case-weights column (hardhat's importance/frequency weights) gets the role "case_weights".

    R: ``recipe()`` tags it automatically so it is never a predictor, and allows only one.
    """
    from ..case_weights import is_case_weights

    weights = [v for v in vars if is_case_weights(template[v])]
    if len(weights) > 1:
        raise InvalidParameterError(
            f"recipe(): there should only be a single column with the role `case_weights`; these data have "
            f"{len(weights)}: {weights}. Keep one weights column (turn the others into numbers with .astype(float))."
        )
    return ["case_weights" if v in weights else r for v, r in zip(vars, roles)]


def prep(x: Recipe | PreparedRecipe, training: pd.DataFrame | None = None, **kwargs: Any) -> PreparedRecipe:
    """Free-function form of :meth:`Recipe.prep`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> prep(recipe("y ~ .", df)).term_info.variable.tolist()
    ['x', 'y']
    """
    if not isinstance(x, (Recipe, PreparedRecipe)):
        raise InvalidParameterError(f"prep() needs a recipe; got {type(x).__name__}.")
    return x.prep(training, **kwargs)


def bake(object: PreparedRecipe, new_data: pd.DataFrame | None = None, *selectors: Selector | str,
         composition: str = "pandas") -> pd.DataFrame | np.ndarray:
    """Free-function form of :meth:`PreparedRecipe.bake`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> bake(prep(recipe("y ~ .", df).step_center("x")), df)["x"].tolist()
    [-1.0, 1.0]
    """
    if not isinstance(object, (Recipe, PreparedRecipe)):
        raise InvalidParameterError(f"bake() needs a prepped recipe; got {type(object).__name__}.")
    return object.bake(new_data, *selectors, composition=composition)


def juice(object: PreparedRecipe, *selectors: Selector | str, composition: str = "pandas") -> pd.DataFrame | np.ndarray:
    """Free-function form of :meth:`PreparedRecipe.juice`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> juice(prep(recipe("y ~ .", df))).columns.tolist()
    ['x', 'y']
    """
    if not isinstance(object, (Recipe, PreparedRecipe)):
        raise InvalidParameterError(f"juice() needs a prepped recipe; got {type(object).__name__}.")
    return object.juice(*selectors, composition=composition)


def update_role(rec: Recipe, *selectors: Selector | str, new_role: str = "predictor", old_role: str | None = None) -> Recipe:
    """Free-function form of :meth:`Recipe.update_role`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> update_role(recipe("y ~ .", df), "x", new_role="id").predictors
    []
    """
    return rec.update_role(*selectors, new_role=new_role, old_role=old_role)


def add_role(rec: Recipe, *selectors: Selector | str, new_role: str = "predictor", new_type: str | None = None) -> Recipe:
    """Free-function form of :meth:`Recipe.add_role`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> len(add_role(recipe("y ~ .", df), "x", new_role="extra").var_info)
    3
    """
    return rec.add_role(*selectors, new_role=new_role, new_type=new_type)


def remove_role(rec: Recipe, *selectors: Selector | str, old_role: str) -> Recipe:
    """Free-function form of :meth:`Recipe.remove_role`.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [1.0, 3.0]})
    >>> remove_role(recipe("y ~ .", df), "y", old_role="outcome").outcomes
    []
    """
    return rec.remove_role(*selectors, old_role=old_role)
