"""Batch-a steps (numeric transforms and feature engineering) pass the public conformance suite.

``CONFORMANCE_CASES`` is collected by ``test_conformance.py``, which runs every check of
``STEP_CHECKS`` on each case; this module adds one direct ``check_step`` run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytidy.recipes as rp
from pytidy.recipes.steps.boxcox import step_BoxCox
from pytidy.recipes.steps.bs import step_bs
from pytidy.recipes.steps.cut import step_cut
from pytidy.recipes.steps.discretize import step_discretize
from pytidy.recipes.steps.interact import step_interact
from pytidy.recipes.steps.inverse import step_inverse
from pytidy.recipes.steps.invlogit import step_invlogit
from pytidy.recipes.steps.logit import step_logit
from pytidy.recipes.steps.ns import step_ns
from pytidy.recipes.steps.poly import step_poly
from pytidy.recipes.steps.ratio import step_ratio
from pytidy.recipes.steps.sqrt import step_sqrt
from pytidy.recipes.steps.yeojohnson import step_YeoJohnson
from pytidy.testing import StepCase, check_step, conformance_data


def _prop_data() -> pd.DataFrame:
    data = conformance_data()
    return data.assign(p=np.linspace(0.0, 1.0, len(data)))


def _long_data() -> pd.DataFrame:
    data = conformance_data(n=60)
    return data


CASES_A = {
    "sqrt": StepCase(step_sqrt, selectors=("x2",)),
    "inverse": StepCase(step_inverse, selectors=("x2", "i"), args={"offset": 1}),
    "logit": StepCase(step_logit, selectors=("p",), args={"offset": 0.01}, data=_prop_data()),
    "invlogit": StepCase(step_invlogit, selectors=(rp.all_numeric_predictors(),)),
    "BoxCox": StepCase(step_BoxCox, selectors=("x2",)),
    "YeoJohnson": StepCase(step_YeoJohnson, selectors=(rp.all_numeric_predictors(),)),
    "poly": StepCase(step_poly, selectors=("x2", "i")),
    "ns": StepCase(step_ns, selectors=(rp.all_numeric_predictors(),), args={"deg_free": 3}),
    "bs": StepCase(step_bs, selectors=("x1", "x2"), args={"deg_free": 4}),
    "interact": StepCase(step_interact, selectors=("~ x1:x2 + i:x2",)),
    "ratio": StepCase(step_ratio, selectors=("x1", "i"), args={"denom": "x2"}),
    "discretize": StepCase(step_discretize, selectors=("x1", "x2"), args={"min_unique": 2}, data=_long_data()),
    "cut": StepCase(step_cut, selectors=("x1", "x2"), args={"breaks": [3, 10]}),
}


CONFORMANCE_CASES = CASES_A


def test_check_step_runs_on_a_batch_a_step():
    check_step(CASES_A["poly"])
