"""Every step passes the public conformance suite (R: recipes_extension_check).

Built-in cases are below; a step added later declares its case in its own test module,
``tests/recipes/steps/test_<step>.py``, as ``CONFORMANCE_CASES = {"<type>": StepCase(...)}``;
this module collects them, so adding a step never means editing this file.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import pytidy.recipes as rp
from pytidy.testing import STEP_CHECKS, StepCase, check_step, conformance_data

STEP_CASES = {
    "normalize": StepCase(rp.step_normalize, selectors=(rp.all_numeric_predictors(),)),
    "center": StepCase(rp.step_center, selectors=(rp.all_numeric_predictors(),)),
    "scale": StepCase(rp.step_scale, selectors=(rp.all_numeric_predictors(),)),
    "dummy": StepCase(rp.step_dummy, selectors=(rp.all_nominal_predictors(),)),
    "impute_mean": StepCase(rp.step_impute_mean, selectors=(rp.all_numeric_predictors(),)),
    "impute_median": StepCase(rp.step_impute_median, selectors=(rp.all_numeric_predictors(),)),
    "impute_mode": StepCase(rp.step_impute_mode, selectors=(rp.all_nominal_predictors(),)),
    "zv": StepCase(rp.step_zv, selectors=(rp.all_predictors(),), data=conformance_data().assign(k=1.0)),
}


def _collect() -> dict[str, StepCase]:
    cases = dict(STEP_CASES)
    here = Path(__file__).parent
    for path in sorted(here.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        spec = importlib.util.spec_from_file_location(f"_conformance_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, case in getattr(module, "CONFORMANCE_CASES", {}).items():
            if key in cases:
                raise AssertionError(f"{path.name}: conformance case {key!r} is declared twice")
            cases[key] = case
    return cases


ALL_CASES = _collect()


@pytest.mark.parametrize("check", STEP_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("case", ALL_CASES.values(), ids=list(ALL_CASES))
def test_step_conformance(case, check):
    check(case)


def test_every_public_step_is_in_the_suite():
    public = {n.removeprefix("step_") for n in rp.__all__ if n.startswith("step_")}
    assert public == set(ALL_CASES), (
        f"steps without a conformance case: {sorted(public - set(ALL_CASES))}; "
        "declare CONFORMANCE_CASES in tests/recipes/steps/test_<step>.py"
    )


def test_every_registered_step_is_public():
    assert set(rp.registered_steps()) == {n for n in rp.__all__ if n.startswith("step_")}


def test_check_step_runs_all_checks():
    check_step(STEP_CASES["center"])
