"""Parallel and distributed evaluation: loky processes and a local Dask cluster give the sequential
results bit for bit; a worker that dies is retried once, then recorded in the notes."""

import os
import sys

import cloudpickle
import pandas as pd
import pytest
from attrs import evolve

import pytidy as tm
from pytidy.parsnip.registry import get_engine, temporary_engine

# functions defined here travel to the worker processes by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])

GRID = pd.DataFrame({"penalty": [1e-3, 1e-2, 0.1, 1e-3, 0.1], "mixture": [1.0, 1.0, 1.0, 0.5, 0.5]})


@pytest.fixture(scope="module")
def biomass_small(modeldata):
    b = modeldata("biomass")
    return b[b["dataset"] == "Training"].drop(columns=["sample", "dataset"]).iloc[:120].reset_index(drop=True)


@pytest.fixture(scope="module")
def setup(two_class):
    rec = tm.recipe("Class ~ A + B", two_class).step_normalize(tm.all_numeric_predictors())
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_recipe(rec).add_model(spec)
    folds = tm.vfold_cv(two_class, v=4, seed=7)
    ref = tm.tune_grid(wf, folds, grid=GRID, seed=11, control=tm.control_grid(save_pred=True))
    return wf, folds, ref


def _same(a, b):
    pd.testing.assert_frame_equal(a.metric_values, b.metric_values, check_exact=True)
    pd.testing.assert_frame_equal(a.collect_predictions(), b.collect_predictions(), check_exact=True)


def _pid(fitted):
    return os.getpid()


def _pid_and_wave(fitted):
    return os.getpid(), "wave" in sys.modules


def test_loky_workers_give_the_sequential_result_bit_for_bit(setup):
    wf, folds, ref = setup
    for over in ("resamples", "everything"):
        got = tm.tune_grid(wf, folds, grid=GRID, seed=11, control=tm.control_grid(
            save_pred=True, backend="loky", n_jobs=2, parallel_over=over, extract=_pid_and_wave,
            pkgs=["wave"]))
        _same(got, ref)
        assert len(got.collect_notes()) == 0
        pids = {pid for pid, _ in got.collect_extracts()[".extracts"]}
        assert os.getpid() not in pids and 1 <= len(pids) <= 2  # fitted in (at most 2) worker processes
        # R's pkgs: imported in each worker (a fresh worker does not import `wave` otherwise)
        assert all(loaded for _, loaded in got.collect_extracts()[".extracts"])


def test_the_backend_follows_allow_par_n_jobs_and_a_client_in_scope():
    from pytidy.tune._parallel import resolve_backend

    assert resolve_backend(tm.control_grid(), 4) == "sequential"
    assert resolve_backend(tm.control_grid(n_jobs=2), 4) == "loky"
    assert resolve_backend(tm.control_grid(backend="loky", n_jobs=2), 1) == "sequential"  # one task
    assert resolve_backend(tm.control_grid(backend="loky", n_jobs=2, allow_par=False), 4) == "sequential"
    assert resolve_backend(tm.control_grid(backend="sequential", n_jobs=2), 4) == "sequential"


def test_n_jobs_sets_the_number_of_loky_workers(setup, monkeypatch):
    import joblib.externals.loky as loky

    wf, folds, ref = setup
    asked = []
    original = loky.get_reusable_executor

    def recording(max_workers=None, **kwargs):
        asked.append(max_workers)
        return original(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(loky, "get_reusable_executor", recording)
    got = tm.tune_grid(wf, folds, grid=GRID, seed=11, control=tm.control_grid(save_pred=True, n_jobs=3))
    assert asked == [3]
    _same(got, ref)


@pytest.mark.parametrize("over, n_splits, expected", [
    ("resamples", 3, [(0, [0, 1]), (1, [0, 1]), (2, [0, 1])]),
    ("everything", 3, [(0, [0]), (0, [1]), (1, [0]), (1, [1]), (2, [0]), (2, [1])]),
    (None, 3, [(0, [0, 1]), (1, [0, 1]), (2, [0, 1])]),  # R: resamples when there are several
    (None, 1, [(0, [0]), (0, [1])]),  # R: everything for a single resample
])
def test_parallel_over_sets_the_unit_of_work(biomass_small, monkeypatch, over, n_splits, expected):
    from pytidy.tune import _parallel

    seen = []
    original = _parallel.run_tasks

    def recording(ctx, tasks, control, backend, on_done, engine):
        seen.append(tasks)
        return original(ctx, tasks, control, backend, on_done, engine)

    monkeypatch.setattr(_parallel, "run_tasks", recording)
    rec = tm.recipe("HHV ~ .", biomass_small).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    grid = pd.DataFrame({"penalty": [0.01, 0.1, 0.01], "degree": [1, 1, 2]})
    rs = tm.vfold_cv(biomass_small, v=3, seed=1) if n_splits == 3 else tm.validation_set(
        tm.initial_validation_split(biomass_small, seed=1))
    tm.tune_grid(wf, rs, grid=grid, metrics=tm.metric_set(tm.rmse), control=tm.control_grid(parallel_over=over))
    assert seen == [expected]


def test_a_local_dask_cluster_gives_the_sequential_result_bit_for_bit(setup):
    distributed = pytest.importorskip("distributed")
    wf, folds, ref = setup
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        # a client in scope is used by default, as R's registered future plan
        got = tm.tune_grid(wf, folds, grid=GRID, seed=11, control=tm.control_grid(save_pred=True, extract=_pid))
        explicit = tm.fit_resamples(wf.finalize_workflow({"penalty": 0.01, "mixture": 1.0}), folds, seed=11,
                                    control=tm.control_resamples(backend="dask"))
    _same(got, ref)
    assert os.getpid() not in set(got.collect_extracts()[".extracts"])
    seq = tm.fit_resamples(wf.finalize_workflow({"penalty": 0.01, "mixture": 1.0}), folds, seed=11)
    pd.testing.assert_frame_equal(explicit.metric_values, seq.metric_values, check_exact=True)


def _dying_fit(info, marker, once_row, always_row):
    def fit(x, y, *, seed, **args):
        if once_row not in x.index and not os.path.exists(marker):  # dies the first time on one fold
            open(marker, "w").close()
            os._exit(1)
        if always_row not in x.index:  # dies every time on another fold
            os._exit(1)
        return info.fit(x, y, seed=seed, **args)
    return fit


def test_a_dead_worker_is_retried_once_then_recorded_in_the_notes(setup, tmp_path, caplog):
    wf, folds, ref = setup
    once_row, always_row = int(folds[0].out_id[0]), int(folds[2].out_id[0])
    info = get_engine("logistic_reg", "glmnet", "classification")
    dying = evolve(info, engine="dying", fit=_dying_fit(info, str(tmp_path / "died"), once_row, always_row))
    with temporary_engine(dying):
        got = tm.tune_grid(wf.update_model(wf.spec.set_engine("dying")), folds, grid=GRID, seed=11,
                           control=tm.control_grid(save_pred=True, backend="loky", n_jobs=2))
    assert (tmp_path / "died").exists()
    notes = got.collect_notes()
    # the pool broke, so every task in flight was retried alone; Fold3 killed its worker again.
    # Which fold breaks the pool first depends on timing: if Fold3 does, Fold1 is lost in flight
    # before its own (single) death and then dies on its retry, so it may be an error too.
    errors = notes[notes["type"] == "error"]
    assert "Fold3" in set(errors["id"]) and set(errors["id"]) <= {"Fold1", "Fold3"}
    assert errors["note"].str.contains(r"^WorkerDied: the worker process evaluating Fold\d died 2 time\(s\)").all()
    warned = notes[notes["type"] == "warning"]
    assert "Fold3" not in set(warned["id"])
    assert ("Fold1" in set(warned["id"])) != ("Fold1" in set(errors["id"]))
    assert warned["note"].str.startswith("WorkerDied: a worker process died while").all()
    assert "died" in caplog.text
    # the other folds' results are kept and equal the sequential ones
    lost = set(errors["id"])
    keep = ref.metric_values[~ref.metric_values["id"].isin(lost)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got.metric_values, keep, check_exact=True)


def test_workers_limit_blas_and_torch_threads(monkeypatch):
    import threadpoolctl

    from pytidy.tune import _parallel

    seen = {}

    def fake_evaluate(ctx, i, pres, emit):
        seen["blas"] = {lib["num_threads"] for lib in threadpoolctl.threadpool_info()}
        torch = sys.modules.get("torch")
        seen["torch"] = torch.get_num_threads() if torch is not None else None
        seen["env"] = os.environ.get("OMP_NUM_THREADS")
        return []

    monkeypatch.setattr(_parallel, "evaluate_resample", fake_evaluate)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert _parallel._worker_threads(None, 0) == 1 and _parallel._worker_threads(None, 3) == 3
    assert _parallel._worker_threads(2, 8) == 2  # the control's count wins over the share of the cores
    _parallel._worker(None, (0, [0]), 3, False, _parallel.WorkerSetup())
    assert seen["blas"] == {3}
    assert seen["torch"] in (3, None)  # a loaded torch is limited too
    # torch not loaded yet (an engine that imports it lazily): the thread variables carry the limit
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    _parallel._worker(None, (0, [0]), 3, False, _parallel.WorkerSetup())
    assert seen["env"] == "3" and os.environ["OMP_NUM_THREADS"] == "1"
    assert _parallel.available_cores() >= 1


def _blas_threads(fitted):
    import threadpoolctl

    return sorted({lib["num_threads"] for lib in threadpoolctl.threadpool_info()})


def test_every_fit_runs_with_the_controls_threads_sequential_or_not(setup):
    """A fixed thread count per fit, the same in every backend: what makes the sums add in one order."""
    import threadpoolctl

    wf, folds, _ = setup
    outside = _blas_threads(None)
    for ctrl, want in ((tm.control_grid(extract=_blas_threads), [1]),
                       (tm.control_grid(extract=_blas_threads, threads=2), [2]),
                       (tm.control_grid(extract=_blas_threads, backend="loky", n_jobs=2), [1])):
        got = tm.tune_grid(wf, folds, grid=GRID.iloc[:2], seed=11, control=ctrl)
        assert {tuple(x) for x in got.collect_extracts()[".extracts"]} == {tuple(want)}
    # threads=None leaves a sequential run's threads alone, and the caller's settings are restored
    got = tm.tune_grid(wf, folds, grid=GRID.iloc[:2], seed=11, control=tm.control_grid(extract=_blas_threads,
                                                                                         threads=None))
    assert {tuple(x) for x in got.collect_extracts()[".extracts"]} == {tuple(outside)}
    assert _blas_threads(None) == outside
    assert threadpoolctl.threadpool_info()  # BLAS is loaded, so the check above is not vacuous


def test_iterative_searches_pass_their_run_options_to_each_batch(setup):
    """control_bayes() and control_sim_anneal() take pytidy's run options and hand them to every batch."""
    from pytidy.finetune import control_sim_anneal, tune_sim_anneal

    wf, folds, _ = setup
    start = GRID.iloc[:3].reset_index(drop=True)
    bayes = tm.tune_bayes(wf, folds, initial=3, iter=1, seed=2,
                          control=tm.control_bayes(extract=_blas_threads, threads=2, backend="loky", n_jobs=2))
    assert {tuple(x) for x in bayes.collect_extracts()[".extracts"]} == {(2,)}
    first = tm.tune_grid(wf, folds, grid=start, seed=3, control=tm.control_grid(extract=_blas_threads, threads=2))
    anneal = tune_sim_anneal(wf, folds, initial=first, iter=1, seed=2,
                             control=control_sim_anneal(extract=_blas_threads, threads=2, verbose_iter=False))
    ext = anneal.collect_extracts()
    assert len(ext) > len(first.collect_extracts())  # the iteration's fits are there too
    assert {tuple(x) for x in ext[".extracts"]} == {(2,)}
    grid = tm.control_bayes(backend="dask", n_jobs=3, threads=None, progress=True).grid_control()
    assert (grid.backend, grid.n_jobs, grid.threads, grid.progress) == ("dask", 3, None, True)
