"""The typed Recipe.step_* methods (pytidy/recipes/_step_methods.py) match the registered steps."""

import importlib.util
import inspect
from pathlib import Path

import pandas as pd
import pytest

from pytidy.recipes import Recipe, recipe, registered_steps
from pytidy.recipes._step_methods import StepMethods

ROOT = Path(__file__).parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_step_methods", ROOT / "tools" / "gen_step_methods.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_file_is_in_sync_with_the_registry():
    gen = _generator()
    assert gen.render() == (ROOT / "pytidy" / "recipes" / "_step_methods.py").read_text(), (
        "pytidy/recipes/_step_methods.py is out of date: run python tools/gen_step_methods.py")


BUILTIN = {k: v for k, v in registered_steps().items() if v.__module__.startswith("pytidy.recipes.steps.")}


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_each_method_has_the_functions_signature(name):
    method = inspect.signature(getattr(StepMethods, name))
    function = inspect.signature(BUILTIN[name])
    m = [(p.name, p.kind, p.default) for p in list(method.parameters.values())[1:]]
    f = [(p.name, p.kind, p.default) for p in list(function.parameters.values())[1:]]
    assert len(m) == len(f)
    for (mn, mk, md), (fn, fk, fd) in zip(m, f):
        assert (mn, mk) == (fn, fk)
        assert md is fd or md == fd or (md != md and fd != fd)  # NaN defaults
    assert function.return_annotation == "Recipe"
    assert list(function.parameters.values())[0].annotation == "Recipe"


def test_methods_are_declared_on_the_class_and_forward():
    assert issubclass(Recipe, StepMethods)
    assert "step_normalize" in vars(StepMethods)
    df = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 3.0]})
    rec = recipe("y ~ .", df).step_normalize("x", na_rm=False, id="n")
    assert rec.steps[0].na_rm is False and rec.steps[0].id == "n"
