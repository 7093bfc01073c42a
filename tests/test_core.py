import random

import numpy as np
import pytest
import torch

import pytidy as tm
from pytidy._checks import check_choice, check_number, require
from pytidy._random import as_rng, draw_seed
from pytidy.errors import InvalidParameterError, MissingDependencyError


def test_set_seed_seeds_numpy_torch_and_random():
    tm.set_seed(42)
    a = (as_rng(None).random(), np.random.random(), torch.rand(1).item(), random.random())
    tm.set_seed(42)
    b = (as_rng(None).random(), np.random.random(), torch.rand(1).item(), random.random())
    assert a == b


def test_seed_arguments():
    assert as_rng(3).random() == as_rng(3).random()
    g = np.random.default_rng(1)
    assert as_rng(g) is g
    assert draw_seed(7) == 7
    with pytest.raises(InvalidParameterError, match=r"`seed` must be a non-negative integer, a numpy Generator or None"):
        as_rng("x")
    with pytest.raises(InvalidParameterError, match=r"`seed` in set_seed\(\) must be a non-negative integer"):
        tm.set_seed(-1)


def test_check_number_messages():
    with pytest.raises(InvalidParameterError, match=r"`v` in vfold_cv\(\) must be a whole number in \[2, inf\); got 1"):
        check_number(1, "v", "vfold_cv()", lower=2, integer=True)
    with pytest.raises(InvalidParameterError, match=r"`prop` in f\(\) must be a number in \(0, 1\); got 1"):
        check_number(1, "prop", "f()", lower=0, upper=1, inclusive=(False, False))
    with pytest.raises(InvalidParameterError, match=r"must be a number; got nan"):
        check_number(float("nan"), "x", "f()")
    assert check_number(4.0, "n", "f()", integer=True) == 4


def test_check_choice_and_require():
    with pytest.raises(InvalidParameterError, match=r"`type` in f\(\) must be one of 'a', 'b'; got 'c'"):
        check_choice("c", "type", "f()", ["a", "b"])
    with pytest.raises(MissingDependencyError, match=r"pip install 'pytidymodels\[plots\]'"):
        require("not_a_real_module_xyz", "plots", "vip()")


def test_tune_placeholder():
    assert repr(tm.tune()) == "tune()" and tm.tune("a").id == "a" and tm.is_tune(tm.tune())
    with pytest.raises(InvalidParameterError, match=r"`id` in tune\(\) must be a string"):
        tm.tune(3)


def test_generics_delegate_and_explain_unknown_types():
    class Thing:
        def tidy(self, k=1):
            return k + 1

    assert tm.tidy(Thing(), k=2) == 3
    with pytest.raises(InvalidParameterError, match=r"tidy\(\) does not know objects of type int"):
        tm.tidy(3)
    with pytest.raises(InvalidParameterError, match=r"autoplot\(\) does not know objects of type int"):
        tm.autoplot(3)


def test_flat_namespace_has_the_api():
    for name in ["read_higgs", "initial_time_split", "training", "testing", "recipe", "tabnet", "workflow",
                 "load_workflow", "accuracy", "decision_width", "attention_width", "num_steps", "learn_rate",
                 "control_race", "vfold_cv", "vi", "vip", "tabnet_explain", "autoplot", "roc_auc", "f_meas",
                 "metric_set", "step_normalize", "juice", "linear_reg", "register_engine", "tune_grid",
                 "tune_race_anova", "last_fit", "set_seed", "tune"]:
        assert hasattr(tm, name), name
    assert set(tm.__all__) <= set(dir(tm))


def test_verbs_named_like_subpackages_stay_functions():
    import pytidy.testing  # noqa: F401 - the conformance suites
    import pytidy.tune.tune_grid  # noqa: F401

    assert callable(tm.testing)
    assert tm.tune() == tm.tune()
    from pytidy.testing import STEP_CHECKS

    assert STEP_CHECKS


def test_callable_subpackages_keep_every_import_form():
    import pytidy.testing as conformance
    import pytidy.tune as tune_pkg
    from pytidy.tune import tune_grid

    assert conformance.STEP_CHECKS and conformance.METRIC_CHECKS
    assert tune_pkg.tune_grid is tune_grid
    assert tm.tune() == tm.hardhat.Tune("") and tm.tune("lr").id == "lr"
    split = tm.initial_time_split(tm.read_higgs().head(20), prop=0.75)
    assert len(tm.testing(split)) == 5 and len(tm.training(split)) == 15
