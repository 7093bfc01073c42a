"""Batch-d steps (pls, ica) pass the public conformance suite.

``CONFORMANCE_CASES`` is collected by ``test_conformance.py``, which runs every check of
``STEP_CHECKS`` on each case; this module adds direct ``check_step`` runs.
"""

from __future__ import annotations

import pytest

from pytidy.recipes.steps.ica import step_ica
from pytidy.recipes.steps.pls import step_pls
from pytidy.testing import StepCase, check_step

CASES_D = {
    "pls": StepCase(step_pls, selectors=("x2", "i"), args={"outcome": "y", "num_comp": 2}),
    "ica": StepCase(step_ica, selectors=("x2", "i"), args={"num_comp": 2, "seed": 1}),
}

CONFORMANCE_CASES = CASES_D


@pytest.mark.parametrize("key", sorted(CASES_D))
def test_check_step_runs_on_batch_d_steps(key):
    check_step(CASES_D[key])
