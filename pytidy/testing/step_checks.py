"""Conformance checks every recipe step must pass (R: ``recipes_extension_check()``; sk: estimator_checks).

A :class:`StepCase` says how to add the step to a recipe; each function of :data:`STEP_CHECKS`
takes a case and raises ``AssertionError`` naming what is wrong. A step's class declares what
applies to it with ``tags = StepTags(...)`` (:class:`~pytidy.recipes.steps._base.StepTags`, as
scikit-learn's estimator tags); a check that does not apply raises :class:`unittest.SkipTest`
with the reason, which pytest reports as a visible skip. Every case must use data on which the
step acts (:func:`check_step_acts_on_case_data`), so no check passes by doing nothing. Run them all with
:func:`check_step`, or one by one with pytest::

    @pytest.mark.parametrize("check", STEP_CHECKS, ids=lambda c: c.__name__)
    def test_my_step(check):
        check(StepCase(step_mine, selectors=(all_numeric_predictors(),)))

Examples
--------
>>> from pytidy.recipes import step_center, all_numeric_predictors
>>> check_step(StepCase(step_center, selectors=(all_numeric_predictors(),)))
[]
"""

from __future__ import annotations

import pickle
import unittest
import warnings
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import numpy as np
import pandas as pd
from attrs import evolve, field, frozen

from .._converters import as_dict, as_tuple
from ..errors import NotTrainedError, PytidyError
from ..recipes import Recipe, Step, recipe, registered_steps
from ..recipes.steps._base import StepTags

__all__ = ["StepCase", "STEP_CHECKS", "check_step", "conformance_data", "step_tags"]


def conformance_data(n: int = 24, seed: int = 1) -> pd.DataFrame:
    """A small mixed frame: outcome ``y``; doubles ``x1`` (with NaN), ``x2``; integer ``i``;
    factor ``g`` (3 levels, with NaN); string ``s``; a non-default index.

    Examples
    --------
    >>> conformance_data().dtypes.astype(str).to_dict()
    {'y': 'float64', 'x1': 'float64', 'x2': 'float64', 'i': 'int64', 'g': 'category', 's': 'str'}
    """
    rng = np.random.default_rng(seed)
    x1 = rng.normal(10, 3, n)
    x1[[2, 7]] = np.nan
    g = pd.Categorical(rng.choice(["lo", "mid", "high"], n), categories=["lo", "mid", "high"])
    g[5] = np.nan
    return pd.DataFrame(
        {
            "y": rng.normal(size=n),
            "x1": x1,
            "x2": rng.exponential(2.0, n) + 0.5,
            "i": rng.integers(0, 5, n),
            "g": g,
            "s": pd.array(rng.choice(["a", "b", "c d"], n), dtype="str"),
        },
        index=pd.RangeIndex(100, 100 + 2 * n, 2),
    )


@frozen
class StepCase:
    """How to add one step to a recipe for the checks.

    Attributes
    ----------
    step : callable
        The registered constructor, e.g. ``step_normalize``.
    selectors : tuple
        Selectors for the non-empty case.
    args : dict
        Other keyword arguments of the constructor.
    data : DataFrame
        Training data (default :func:`conformance_data`).
    formula : str
        Recipe formula.
    """

    step: Callable[..., Recipe]
    selectors: tuple = field(default=(), converter=as_tuple)
    args: Mapping[str, Any] = field(factory=dict, converter=as_dict)
    data: pd.DataFrame = field(factory=conformance_data, eq=False)
    formula: str = "y ~ ."

    @property
    def name(self) -> str:
        return self.step.__name__

    def base(self) -> Recipe:
        return recipe(self.formula, self.data)

    def recipe(self, *, empty: bool = False, **extra: Any) -> Recipe:
        sel = () if empty else self.selectors
        return self.step(self.base(), *sel, **{**self.args, **extra})

    def prepped(self, **extra: Any):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self.recipe(**extra).prep()


def _fail(case: StepCase, msg: str) -> NoReturn:
    raise AssertionError(f"{case.name}: {msg}")


def step_tags(case: StepCase) -> StepTags:
    """The tags the case's step class declares (``StepTags()`` when it declares none).

    Examples
    --------
    >>> from pytidy.recipes import step_sample
    >>> step_tags(StepCase(step_sample)).changes_rows
    True
    """
    return getattr(type(case.recipe().steps[-1]), "tags", StepTags())


def _skip(case: StepCase, reason: str) -> None:
    raise unittest.SkipTest(f"{case.name}: {reason}")


def _bake(prepped, data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return prepped.bake(data)


def check_registered(case: StepCase) -> None:
    """The constructor is registered and chains as a Recipe method; it returns a new Recipe."""
    if registered_steps().get(case.name) is not case.step:
        _fail(case, "is not registered; decorate the constructor with @register_step.")
    base = case.base()
    rec = getattr(base, case.name)(*case.selectors, **case.args)
    if not isinstance(rec, Recipe) or rec is base or len(rec.steps) != len(base.steps) + 1:
        _fail(case, "the method must return a new Recipe with one more step.")
    if base.steps:
        _fail(case, "adding a step changed the original recipe.")


def check_step_declares_itself(case: StepCase) -> None:
    """The step is a Step with a ``name`` equal to its constructor's, a description, and an id."""
    step = case.recipe().steps[-1]
    if not isinstance(step, Step):
        _fail(case, f"added a {type(step).__name__}, not a pytidy.recipes.Step.")
    if step.name != case.name:
        _fail(case, f"class variable `name` is {step.name!r}; it must equal the constructor name.")
    if step.description == Step.description:
        _fail(case, "set the class variable `description` (e.g. 'Centering and scaling for').")
    if step.id != f"{step.type}_1":
        _fail(case, f"expected the default id {step.type + '_1'!r}; got {step.id!r}.")
    if step.trained:
        _fail(case, "a new step must be untrained.")


def check_prep_returns_trained_copy(case: StepCase) -> None:
    """prep() gives a trained copy; the recipe's own step stays untrained."""
    rec = case.recipe()
    try:
        prepped = case.prepped()
    except PytidyError as exc:
        _fail(case, f"prep() failed: {exc}")
    if not prepped.steps[-1].trained:
        _fail(case, "prep() returned an untrained step.")
    if rec.steps[-1].trained:
        _fail(case, "prep() changed the untrained recipe's step.")
    if prepped.steps[-1].columns is None:
        _fail(case, "prep() must set `columns` to the resolved selection.")


def check_prep_leaves_training_unchanged(case: StepCase) -> None:
    """prep() and bake() never change the frames they are given."""
    data = case.data.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepped = case.recipe().prep(data)
        prepped.bake(data)
    pd.testing.assert_frame_equal(data, case.data, obj=f"{case.name}: training data after prep/bake")
    frame = _step_input(prepped, case.data)
    before = frame.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepped.steps[-1].bake(frame)
    try:
        pd.testing.assert_frame_equal(frame, before)
    except AssertionError:
        _fail(case, "step.bake() modified the frame it was given; start from new_data.copy(deep=False).")


def _step_input(prepped, data: pd.DataFrame) -> pd.DataFrame:
    """The frame the last step sees at bake time: ``data`` through the earlier steps."""
    earlier = evolve(prepped, steps=prepped.steps[:-1])
    return _bake(earlier, data).copy(deep=True)


def check_bake_before_prep_raises(case: StepCase) -> None:
    """An untrained step's bake() raises NotTrainedError."""
    step = case.recipe().steps[-1]
    try:
        step.bake(case.data)
    except NotTrainedError:
        return
    except Exception as exc:  # noqa: BLE001 - any other error is the failure reported
        _fail(case, f"bake() on an untrained step raised {type(exc).__name__} ({exc}); it must raise "
                    "NotTrainedError (use check_trained(self)).")
    _fail(case, "bake() on an untrained step must raise NotTrainedError (use check_trained(self)).")


def check_empty_selection_is_noop(case: StepCase) -> None:
    """With no selectors, prep/bake change nothing and tidy() has zero rows.

    Skipped for steps tagged ``selects_columns=False``.
    """
    if not step_tags(case).selects_columns:
        _skip(case, "tagged selects_columns=False: the step takes no column selection.")
    rec = case.recipe(empty=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_step = rec.prep()
        without = case.base().prep()
    pd.testing.assert_frame_equal(with_step.bake(case.data), without.bake(case.data),
                                  obj=f"{case.name}: empty selection bake")
    for tidied in (rec.tidy(len(rec.steps)), with_step.tidy(len(rec.steps))):
        if len(tidied) != 0:
            _fail(case, f"tidy() of an empty selection must have 0 rows; got {len(tidied)}.")


def check_bake_zero_and_one_row(case: StepCase) -> None:
    """bake() works on 0 and 1 rows and gives the same columns as on the full data (and, unless the
    step is tagged ``changes_rows``, the same first row)."""
    prepped = case.prepped()
    full = _bake(prepped, case.data)
    rows_change = step_tags(case).changes_rows and not prepped.steps[-1].skip
    for n in (0, 1):
        part = _bake(prepped, case.data.iloc[:n])
        if list(part.columns) != list(full.columns) or (len(part) != n and not rows_change):
            _fail(case, f"bake() on {n} row(s) gave columns {list(part.columns)} and {len(part)} rows.")
    if rows_change:  # a row step's first output row need not be the first input row
        return
    one = _bake(prepped, case.data.iloc[:1])
    pd.testing.assert_frame_equal(one, full.iloc[:1], check_dtype=False, check_categorical=False,
                                  obj=f"{case.name}: bake on one row")


def check_bake_keeps_rows(case: StepCase) -> None:
    """bake() keeps row order and the index (shuffled input gives shuffled output).

    Skipped for steps tagged ``changes_rows`` (they filter, add or sort rows by design).
    """
    tags = step_tags(case)
    if tags.changes_rows:
        _skip(case, "tagged changes_rows: the step removes, adds or reorders rows by design.")
    if tags.depends_on_row_order:
        _skip(case, "tagged depends_on_row_order: each row's value depends on its neighbours.")
    prepped = case.prepped()
    order = np.random.default_rng(0).permutation(len(case.data))
    shuffled = case.data.iloc[order]
    full = _bake(prepped, case.data)
    out = _bake(prepped, shuffled)
    if not out.index.equals(shuffled.index):
        _fail(case, "bake() must keep the index of new_data.")
    pd.testing.assert_frame_equal(out, full.loc[shuffled.index], obj=f"{case.name}: shuffled bake")


def check_bake_equals_juice(case: StepCase) -> None:
    """Baking the training data gives the retained training data (a step is deterministic).

    Run with ``skip=False`` (a skipped step applies at prep only); skipped for steps tagged
    ``random`` and ``changes_rows`` (bake draws new rows).
    """
    tags = step_tags(case)
    if tags.random and tags.changes_rows:
        _skip(case, "tagged random and changes_rows: bake(train) draws a new sample of rows.")
    prepped = case.prepped(skip=False)
    pd.testing.assert_frame_equal(_bake(prepped, case.data), prepped.bake(None),
                                  obj=f"{case.name}: bake(train) vs juice")


def check_missing_column_named(case: StepCase) -> None:
    """bake() on data without a column the step uses raises an error naming it.

    Skipped for steps tagged ``reads_columns_at_bake=False`` (they only drop columns, and new data
    need not have them, as in R). The step is baked with ``skip=False`` so row steps are checked too.
    """
    tags = step_tags(case)
    if not tags.selects_columns:
        _skip(case, "tagged selects_columns=False: the step takes conditions, positions or expressions.")
    if not tags.reads_columns_at_bake:
        _skip(case, "tagged reads_columns_at_bake=False: bake() only drops columns and needs none of them.")
    prepped = case.prepped(skip=False)
    used = [c for c in prepped.steps[-1].columns or () if c in case.data.columns and c not in prepped.recipe.outcomes]
    if not used:
        _fail(case, "the case selects no predictor column, so this check cannot run; select the columns the "
                    "step works on (or tag the step reads_columns_at_bake=False).")
    col = used[0]
    # the step itself, not only the recipe around it, must name the column (R: check_new_data)
    frame = _step_input(prepped, case.data).drop(columns=[col])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            prepped.steps[-1].bake(frame)
    except PytidyError as exc:
        if repr(col) not in str(exc) and col not in str(exc):
            _fail(case, f"the error for a missing column must name it ({col!r}); got: {exc}")
        return
    except Exception as exc:  # noqa: BLE001
        _fail(case, f"bake() without the column {col!r} raised {type(exc).__name__} ({exc}); raise a "
                    "PytidyError naming it (use check_new_data(columns, new_data, self)).")
    _fail(case, f"bake() without the column {col!r} must raise a PytidyError naming it.")


def check_step_acts_on_case_data(case: StepCase) -> None:
    """The case's data is data on which the step acts: juice() differs from the recipe without it.

    A case on which the step changes nothing (``step_zv`` without a constant column,
    ``step_filter`` keeping every row) makes every other check pass by doing nothing.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acted = case.recipe().prep().bake(None)
        plain = case.base().prep().bake(None)
    try:
        pd.testing.assert_frame_equal(acted, plain)
    except AssertionError:
        return
    _fail(case, "the step leaves the case's data unchanged; give the case data on which it acts "
                "(e.g. a constant column for step_zv, rows to drop for step_filter).")


def check_skip_default_matches_tags(case: StepCase) -> None:
    """A step tagged ``skip_by_default`` defaults to ``skip=True`` (R's row steps), the others to False."""
    import inspect

    param = inspect.signature(case.step).parameters.get("skip")
    if param is None:
        _fail(case, "the constructor has no `skip` argument.")
    expected = step_tags(case).skip_by_default
    if param.default is not expected:
        _fail(case, f"skip defaults to {param.default} but the step's tags say skip_by_default={expected}.")


def check_tidy_before_and_after(case: StepCase) -> None:
    """tidy() works untrained and trained, returns a DataFrame with ``terms`` first and ``id`` last."""
    rec = case.recipe()
    prepped = case.prepped()
    n = len(rec.steps)
    for state, tidied in (("untrained", rec.tidy(n)), ("trained", prepped.tidy(n))):
        if not isinstance(tidied, pd.DataFrame):
            _fail(case, f"tidy() ({state}) must return a DataFrame.")
        if list(tidied.columns[:1]) != ["terms"] or tidied.columns[-1] != "id":
            _fail(case, f"tidy() ({state}) columns must start with 'terms' and end with 'id'; got {list(tidied.columns)}.")
        if len(tidied) and set(tidied["id"]) != {rec.steps[-1].id}:
            _fail(case, f"tidy() ({state}) `id` column must hold the step id.")
    if list(rec.tidy(n).columns) != list(prepped.tidy(n).columns):
        _fail(case, "tidy() must have the same columns before and after prep.")


def check_repr_and_pickle(case: StepCase) -> None:
    """repr is one informative line; steps and prepped recipes survive pickling."""
    step = case.recipe().steps[-1]
    prepped = case.prepped()
    for s in (step, prepped.steps[-1]):
        text = repr(s)
        if not isinstance(text, str) or "\n" in text or not text:
            _fail(case, f"repr must be one non-empty line; got {text!r}.")
    if "trained" not in repr(prepped.steps[-1]):
        _fail(case, "the repr of a trained step should say [trained] (use print_step).")
    again = pickle.loads(pickle.dumps(step))
    if type(again) is not type(step) or again.id != step.id:
        _fail(case, "an untrained step must pickle round-trip.")
    restored = pickle.loads(pickle.dumps(prepped))
    pd.testing.assert_frame_equal(_bake(restored, case.data), _bake(prepped, case.data),
                                  obj=f"{case.name}: bake after pickle")


def check_skip(case: StepCase) -> None:
    """With skip=True, prep applies the step (juice has it) and bake(new_data) does not."""
    prepped = case.prepped(skip=True)
    if not prepped.steps[-1].skip:
        _fail(case, "the constructor must pass `skip` to the step.")
    baseline = case.base().prep()
    pd.testing.assert_frame_equal(_bake(prepped, case.data), _bake(baseline, case.data),
                                  obj=f"{case.name}: bake with skip=True")
    pd.testing.assert_frame_equal(prepped.bake(None), case.prepped().bake(None),
                                  obj=f"{case.name}: juice with skip=True")


def check_same_result_twice(case: StepCase) -> None:
    """prep() is deterministic: two preps give the same baked data."""
    pd.testing.assert_frame_equal(_bake(case.prepped(), case.data), _bake(case.prepped(), case.data),
                                  obj=f"{case.name}: two preps")


STEP_CHECKS: list[Callable[[StepCase], None]] = [
    check_registered,
    check_step_declares_itself,
    check_prep_returns_trained_copy,
    check_prep_leaves_training_unchanged,
    check_bake_before_prep_raises,
    check_empty_selection_is_noop,
    check_bake_zero_and_one_row,
    check_bake_keeps_rows,
    check_bake_equals_juice,
    check_missing_column_named,
    check_step_acts_on_case_data,
    check_skip_default_matches_tags,
    check_tidy_before_and_after,
    check_repr_and_pickle,
    check_skip,
    check_same_result_twice,
]


def check_step(case: StepCase) -> list[str]:
    """Run every check of :data:`STEP_CHECKS` on ``case``; raise on the first failure.

    Returns
    -------
    list of str
        The reasons of the checks that do not apply to the step (from its tags).

    Examples
    --------
    >>> from pytidy.recipes import step_zv, all_predictors
    >>> check_step(StepCase(step_zv, selectors=(all_predictors(),), data=conformance_data().assign(k=1.0)))
    ['step_zv: tagged reads_columns_at_bake=False: bake() only drops columns and needs none of them.']
    """
    skipped = []
    for check in STEP_CHECKS:
        try:
            check(case)
        except unittest.SkipTest as exc:
            skipped.append(str(exc))
    return skipped
