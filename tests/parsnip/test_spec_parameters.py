"""ModelSpec.extract_parameter_set_dials() is built in parsnip from dials (R: parsnip R/extract.R)."""

import subprocess
import sys
from pathlib import Path

import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


def test_spec_parameter_set_matches_the_workflow_one():
    spec = tm.linear_reg(mixture=tm.tune("mix"), penalty=tm.tune()).set_engine("glmnet")
    pset = spec.extract_parameter_set_dials()
    assert pset.ids == ["penalty", "mix"]                       # the model's argument order, not the call's
    assert pset.to_frame()["component"].tolist() == ["linear_reg", "linear_reg"]
    assert pset["penalty"].range == tm.penalty().range
    wf = tm.workflow("y ~ x", spec)
    assert wf.parameters().ids == pset.ids == spec.parameters().ids


def test_untunable_argument_is_a_clear_error():
    spec = tm.tabnet(verbose=tm.tune()).set_mode("regression")
    with pytest.raises(InvalidParameterError, match=r"`verbose` of tabnet\(\) is set to tune\(\) but the torch engine"):
        spec.extract_parameter_set_dials()


def test_parsnip_does_not_import_workflows():
    code = ("import sys, pytidy.parsnip.spec as s; from pytidy import linear_reg, tune; "
            "sys.modules.pop('pytidy.workflows.workflow', None); "
            "linear_reg(penalty=tune()).set_engine('glmnet').parameters(); "
            "print('pytidy.workflows.workflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "False", out.stderr
