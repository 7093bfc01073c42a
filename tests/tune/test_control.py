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
        ({"backend": "spark"}, r"`backend` in control_grid\(\) must be 'sequential', 'loky', 'dask' or None"),
        ({"n_jobs": 0}, r"`n_jobs` in control_grid\(\) must be a positive whole number of worker processes"),
        ({"n_jobs": 2.0}, r"`n_jobs` in control_grid\(\) must be a positive whole number"),
        ({"progress": "bar"}, r"`progress` in control_grid\(\) must be True or False"),
        ({"submodels": None}, r"`submodels` in control_grid\(\) must be True or False"),
        ({"threads": 0}, r"`threads` in control_grid\(\) must be a positive whole number of BLAS/torch threads"),
        ({"threads": True}, r"`threads` in control_grid\(\) must be a positive whole number .*or None"),
    ],
)
def test_control_grid_validation(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        tm.control_grid(**kwargs)
    # the class validates itself: building it directly fails the same way
    with pytest.raises(InvalidParameterError, match=match):
        tm.ControlGrid(**kwargs)


def test_ray_is_not_implemented():
    with pytest.raises(NotImplementedError, match=r"`backend='ray'` in control_grid\(\) is not implemented"):
        tm.control_grid(backend="ray")


def test_run_options_are_kept_and_passed_on_by_race_controls():
    ctrl = tm.control_grid(backend="loky", n_jobs=-1, progress=True, submodels=False, parallel_over="everything")
    assert (ctrl.backend, ctrl.n_jobs, ctrl.progress, ctrl.submodels) == ("loky", -1, True, False)
    assert tm.ControlGrid(pkgs=["numpy"]).pkgs == ("numpy",)
    race = tm.control_race(backend="dask", submodels=False, threads=2)
    grid = as_control_grid(race, "f()")
    assert (grid.backend, grid.submodels, grid.parallel_over, grid.threads) == ("dask", False, "everything", 2)
    assert tm.control_grid().threads == 1 and tm.control_last_fit().threads is None
    from pytidy.finetune.control_race import ControlRace

    with pytest.raises(InvalidParameterError, match=r"`burn_in` .*control_race\(\)"):
        ControlRace(burn_in=1)
    with pytest.raises(InvalidParameterError, match=r"`n_jobs` in control_race\(\)"):
        ControlRace(n_jobs=-2)
    with pytest.raises(InvalidParameterError, match=r"`threads` in control_race\(\)"):
        ControlRace(threads=-1)
    assert ControlRace(alpha=0.1).alpha == 0.1


def test_dask_backend_without_a_client_says_how_to_make_one(two_class, logistic_wf):
    pytest.importorskip("distributed")
    with pytest.raises(InvalidParameterError, match=r'backend="dask" needs a Dask client in scope'):
        tm.tune_grid(logistic_wf, tm.vfold_cv(two_class, v=2, seed=1), grid=2,
                     control=tm.control_grid(backend="dask"))


def test_as_control_grid_rejects_other_objects():
    assert as_control_grid(None, "f()") == tm.control_grid()
    with pytest.raises(InvalidParameterError, match=r"`control` in f\(\) must be made by control_grid\(\)"):
        as_control_grid({"verbose": True}, "f()")


@pytest.mark.parametrize("maker, owner", [(tm.control_bayes, "control_bayes"),
                                          ("sim_anneal", "control_sim_anneal")])
def test_iterative_controls_check_their_run_options(maker, owner):
    if maker == "sim_anneal":
        from pytidy.finetune import control_sim_anneal as maker
    with pytest.raises(InvalidParameterError, match=rf"`threads` in {owner}\(\) must be a positive whole number"):
        maker(threads=0)
    with pytest.raises(InvalidParameterError, match=rf"`n_jobs` in {owner}\(\) must be a positive whole number"):
        maker(n_jobs=0)
    with pytest.raises(InvalidParameterError, match=rf"`backend` in {owner}\(\) must be 'sequential', 'loky'"):
        maker(backend="spark")
    assert maker().grid_control().threads == 1
