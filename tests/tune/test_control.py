import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.tune.control import as_control_grid


def test_control_grid_defaults_match_r():
    ctrl = tm.control_grid()
    assert (ctrl.verbose, ctrl.allow_par, ctrl.extract, ctrl.save_pred, ctrl.pkgs, ctrl.save_workflow,
            ctrl.event_level, ctrl.parallel_over) == (False, True, None, False, None, False, "first", None)
    assert tm.control_resamples(save_pred=True) == tm.control_grid(save_pred=True)
    assert repr(ctrl) == "grid/resamples control object"


def test_control_last_fit_keeps_predictions_and_workflow():
    ctrl = tm.control_last_fit()
    assert ctrl.save_pred is True and ctrl.extract("fitted") == "fitted" and ctrl.allow_par is False


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"verbose": 1}, r"`verbose` in control_grid\(\) must be True or False; got 1"),
        ({"save_pred": "yes"}, r"`save_pred` in control_grid\(\) must be True or False"),
        ({"extract": 3}, r"`extract` in control_grid\(\) must be a function"),
        ({"pkgs": "torch"}, r"`pkgs` in control_grid\(\) must be a list of module names"),
        ({"event_level": "last"}, r"`event_level` in control_grid\(\) must be 'first' or 'second'"),
        ({"parallel_over": "all"}, r"`parallel_over` in control_grid\(\) must be 'resamples', 'everything' or None"),
    ],
)
def test_control_grid_validation(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        tm.control_grid(**kwargs)


def test_as_control_grid_rejects_other_objects():
    assert as_control_grid(None, "f()") == tm.control_grid()
    with pytest.raises(InvalidParameterError, match=r"`control` in f\(\) must be made by control_grid\(\)"):
        as_control_grid({"verbose": True}, "f()")
