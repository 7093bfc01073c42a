"""Batch-b steps (rows, factors, strings, dates, sampling) pass the public conformance suite.

``CONFORMANCE_CASES`` is collected by ``test_conformance.py``, which runs every check of
``STEP_CHECKS`` on each case; this module adds direct ``check_step`` runs.

Every case uses data on which its step acts (the suite's check_step_acts_on_case_data): the filter
drops rows, the classes are unbalanced, the levels need cleaning. Row-operation and order-dependent
steps declare it in their tags (``changes_rows``, ``depends_on_row_order``), and the checks that
cannot apply to them ("bake keeps rows") are skipped with that reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.recipes import all_nominal_predictors, all_numeric_predictors, all_predictors
from pytidy.recipes.steps.arrange import step_arrange
from pytidy.recipes.steps.bin2factor import step_bin2factor
from pytidy.recipes.steps.clean_levels import step_clean_levels
from pytidy.recipes.steps.clean_names import step_clean_names
from pytidy.recipes.steps.date import step_date
from pytidy.recipes.steps.downsample import step_downsample
from pytidy.recipes.steps.factor2string import step_factor2string
from pytidy.recipes.steps.filter import step_filter
from pytidy.recipes.steps.holiday import step_holiday
from pytidy.recipes.steps.integer import step_integer
from pytidy.recipes.steps.lag import step_lag
from pytidy.recipes.steps.naomit import step_naomit
from pytidy.recipes.steps.num2factor import step_num2factor
from pytidy.recipes.steps.relevel import step_relevel
from pytidy.recipes.steps.rename import step_rename
from pytidy.recipes.steps.sample import step_sample
from pytidy.recipes.steps.slice import step_slice
from pytidy.recipes.steps.string2factor import step_string2factor
from pytidy.recipes.steps.upsample import step_upsample
from pytidy.recipes.steps.window import step_window
from pytidy.testing import StepCase, check_step
from pytidy.testing.step_checks import conformance_data


def _data(**cols) -> pd.DataFrame:
    return conformance_data().assign(**cols)


_N = len(conformance_data())
_DAYS = pd.date_range("2016-12-20", periods=_N, freq="5D")
_UNBALANCED = pd.Categorical(["lo"] * 12 + ["mid"] * 8 + ["high"] * 4, categories=["lo", "mid", "high"])
_MESSY = pd.Categorical(["Low Level", "MID", "high!"] * (_N // 3), categories=["Low Level", "MID", "high!"])

CASES_B = {
    "naomit": StepCase(step_naomit, selectors=(all_predictors(),)),   # x1 and g have missing values
    "filter": StepCase(step_filter, selectors=("x2 > 2",)),
    "slice": StepCase(step_slice, selectors=(range(0, _N, 2),)),
    "sample": StepCase(step_sample, args={"seed": 3, "size": 0.5}),
    "arrange": StepCase(step_arrange, selectors=("x2",)),
    "rename": StepCase(step_rename, selectors=({"x_one": "x1", "grp": "g"},)),
    "string2factor": StepCase(step_string2factor, selectors=("s",), args={"ordered": True}),
    "factor2string": StepCase(step_factor2string, selectors=(all_nominal_predictors(),)),
    "num2factor": StepCase(step_num2factor, selectors=("i",), args={"levels": ["a", "b", "c", "d"]}),
    "integer": StepCase(step_integer, selectors=(all_predictors(),)),
    "bin2factor": StepCase(step_bin2factor, selectors=("b",), data=_data(b=[0, 1] * (_N // 2))),
    # ref_level / clean levels that keep the level order: see test_relevel.py::test_skip_keeps_levels
    "relevel": StepCase(step_relevel, selectors=("g", "s"), args={"ref_level": "mid"},
                        data=_data(s=pd.array(["lo", "mid", "x"] * (_N // 3), dtype="str"))),
    "date": StepCase(step_date, selectors=("d",), args={"features": ("dow", "month", "year", "doy", "week")},
                     data=_data(d=_DAYS)),
    "holiday": StepCase(step_holiday, selectors=("d",), data=_data(d=_DAYS)),
    "lag": StepCase(step_lag, selectors=("k",), args={"lag": [1, 2], "default": 1.5}, data=_data(k=1.5)),
    "window": StepCase(step_window, selectors=("k",), args={"skip": True, "statistic": "median"},
                       data=_data(k=np.arange(_N, dtype=float) ** 1.5)),
    "upsample": StepCase(step_upsample, selectors=("g",), args={"seed": 1}, data=_data(g=_UNBALANCED)),
    "downsample": StepCase(step_downsample, selectors=("g",), args={"seed": 1}, data=_data(g=_UNBALANCED)),
    "clean_names": StepCase(step_clean_names, selectors=(all_numeric_predictors(),),
                            data=conformance_data().rename(columns={"x1": "X.One", "x2": "xTwo"})),
    "clean_levels": StepCase(step_clean_levels, selectors=("g",), data=_data(g=_MESSY)),
}


CONFORMANCE_CASES = CASES_B


@pytest.mark.parametrize("key", ["integer", "upsample", "date"])
def test_check_step_runs_on_batch_b_steps(key):
    check_step(CASES_B[key])
