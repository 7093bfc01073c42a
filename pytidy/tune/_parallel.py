"""Run the tasks of a grid sequentially, on joblib's loky processes, or on a Dask cluster.

R's tune hands the same loop to foreach or future; pytidy hands it to joblib (one machine) or
Dask distributed (a cluster). A task is one resample (``parallel_over="resamples"``) or one
resample and preprocessor configuration (``"everything"``). Results are put back in the
sequential order, and seeds derive from the resample id only, so every backend and worker count
gives the same numbers. Every model fit, sequential or in a worker, runs with the control's
``threads`` BLAS/OpenMP and torch threads (1 by default): a sum split over a different number of
threads is added in a different order, so a fixed count is what makes results equal to the last
bit whatever the backend and worker count, and one thread per fit never oversubscribes the cores.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from attrs import frozen

from ..errors import InvalidParameterError
from ._evaluate import GridContext, evaluate_resample

__all__ = ["run_tasks", "resolve_backend", "dask_client", "WorkerSetup"]

logger = logging.getLogger("pytidy.tune")

Task = tuple[int, list[int]]  # (resample position, preprocessor configurations)


def _noop(_: str) -> None:
    return None


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def dask_client(required: bool) -> Any:
    """The Dask ``Client`` in scope, or None (an error when ``required``)."""
    if not required and "distributed" not in sys.modules:
        return None  # no client can be in scope without distributed imported
    try:
        from distributed import default_client
    except ImportError:
        if required:
            raise InvalidParameterError(
                'backend="dask" needs Dask distributed: pip install "pytidymodels[dask]".'
            ) from None
        return None
    try:
        return default_client()
    except ValueError:
        if required:
            raise InvalidParameterError(
                'backend="dask" needs a Dask client in scope: create one first, e.g. '
                "`from distributed import Client; client = Client(cluster_address)`."
            ) from None
        return None


def resolve_backend(control: Any, n_tasks: int) -> str:
    """"sequential", "loky" or "dask" (R: ``allow_par`` and the registered foreach/future backend)."""
    if not control.allow_par or n_tasks < 2:
        return "sequential"
    backend = control.backend
    if backend is None:
        if dask_client(required=False) is not None:
            return "dask"
        return "loky" if control.n_jobs != 1 else "sequential"
    if backend == "dask":
        dask_client(required=True)
    return backend


@frozen
class WorkerSetup:
    """What a worker process prepares before a task: R's ``pkgs`` and the run's engine."""

    model_info: Any = None
    engine_info: Any = None
    pkgs: tuple[str, ...] = ()

    def apply(self) -> None:
        for name in self.pkgs:  # R: control_grid(pkgs = ) loads them in each worker
            importlib.import_module(name)
        _ensure_engine(self.model_info, self.engine_info)


def _ensure_engine(model_info: Any, engine_info: Any) -> None:
    """Register the run's model and engine in a worker process that lacks them (third-party engines)."""
    from ..parsnip import registry

    if engine_info is None:
        return
    if model_info is not None and model_info.name not in registry._MODELS:
        registry.register_model(model_info)
    key = (engine_info.model, engine_info.engine, engine_info.mode)
    if key not in registry._ENGINES:
        registry.register_engine(engine_info)


_THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


@contextmanager
def fit_threads(threads: int | None) -> Iterator[None]:
    """Run the block with ``threads`` BLAS/OpenMP and torch threads (None: leave them alone).

    Loaded BLAS/OpenMP libraries are limited with threadpoolctl and a loaded torch with
    ``torch.set_num_threads``; while torch is not loaded yet, the thread variables are set for the
    block, so an engine that imports torch lazily starts with ``threads`` too. All is restored after.
    """
    if threads is None:
        yield
        return
    from threadpoolctl import threadpool_limits

    saved_env = {k: os.environ.get(k) for k in _THREAD_VARS}
    torch = sys.modules.get("torch")
    old = torch.get_num_threads() if torch is not None else None
    if torch is None:
        os.environ.update({k: str(threads) for k in _THREAD_VARS})
    try:
        with threadpool_limits(limits=threads):
            if torch is not None:
                torch.set_num_threads(threads)
            yield
    finally:
        if torch is not None and old is not None:
            torch.set_num_threads(old)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _worker(ctx: GridContext, task: Task, threads: int | None, verbose: bool,
            setup: WorkerSetup) -> tuple[list, list]:
    """Evaluate one task in a worker with ``threads`` BLAS/torch threads; messages come back."""
    setup.apply()
    msgs: list[str] = []
    with fit_threads(threads):
        parts = evaluate_resample(ctx, task[0], task[1], msgs.append if verbose else _noop)
    return parts, msgs


def _worker_threads(threads: int | None, share: int) -> int:
    """A worker's threads: the control's fixed count, else its share of the cores (at least 1)."""
    return threads if threads is not None else max(1, share)


def _died_parts(ctx: GridContext, task: Task, times: int) -> list[dict]:
    label = ", ".join(reversed(ctx.id_rows[task[0]]))
    note = {"location": "internal", "type": "error",
            "note": f"WorkerDied: the worker process evaluating {label} died {times} time(s); "
                    "its configurations were not evaluated."}
    return [{"i": task[0], "p": p, "metrics": [], "preds": [], "extracts": [], "notes": [dict(note)], "outcomes": [],
             "fitted": None, "n_configs": len(ctx.pre_groups[p])} for p in task[1]]


def _retried(parts: list[dict], ctx: GridContext, task: Task) -> list[dict]:
    label = ", ".join(reversed(ctx.id_rows[task[0]]))
    if parts:
        parts[0]["notes"].insert(0, {"location": "internal", "type": "warning",
                                     "note": f"WorkerDied: a worker process died while {label} was being evaluated "
                                             "(by this task or another one in the pool); it was evaluated again."})
    return parts


def run_tasks(ctx: GridContext, tasks: list[Task], control: Any, backend: str, on_done: Callable[[list], None],
              setup: WorkerSetup) -> None:
    """Evaluate ``tasks`` and call ``on_done(parts)`` as each finishes (in completion order)."""
    verbose = bool(control.verbose)
    if backend == "sequential":
        for task in tasks:
            with fit_threads(control.threads):
                parts = evaluate_resample(ctx, task[0], task[1], print if verbose else _noop)
            on_done(parts)
        return
    if backend == "loky":
        _run_loky(ctx, tasks, control, on_done, setup, verbose)
        return
    if backend == "dask":
        _run_dask(ctx, tasks, control, on_done, setup, verbose)
        return
    raise InvalidParameterError(f"Unknown backend {backend!r}; use 'sequential', 'loky' or 'dask'.")


def _emit(msgs: list[str]) -> None:
    for m in msgs:
        print(m)


def _run_loky(ctx: GridContext, tasks: list[Task], control: Any, on_done: Callable[[list], None], setup: WorkerSetup,
              verbose: bool) -> None:
    from concurrent.futures import as_completed

    from joblib.externals.loky import get_reusable_executor
    from joblib.externals.loky.process_executor import BrokenProcessPool

    n_jobs = control.n_jobs
    workers = available_cores() if n_jobs in (-1, None) else int(n_jobs)
    workers = max(1, min(workers, len(tasks)))
    threads = _worker_threads(control.threads, available_cores() // workers)
    executor = get_reusable_executor(max_workers=workers)
    futures = {executor.submit(_worker, ctx, t, threads, verbose, setup): t for t in tasks}
    failed: list[Task] = []
    for fut in as_completed(futures):
        task = futures[fut]
        try:
            parts, msgs = fut.result()
        except BrokenProcessPool as exc:
            logger.warning("A worker died while evaluating resample %d (%s); it will be retried.", task[0] + 1,
                           type(exc).__name__)
            failed.append(task)
            continue
        _emit(msgs)
        on_done(parts)
    # retry each lost task once, on its own, so a task that kills its worker again is identified
    for task in sorted(failed):
        executor = get_reusable_executor(max_workers=workers)
        try:
            parts, msgs = executor.submit(_worker, ctx, task, threads, verbose, setup).result()
        except BrokenProcessPool:
            logger.warning("The worker evaluating resample %d died again; recorded in the notes.", task[0] + 1)
            on_done(_died_parts(ctx, task, 2))
            continue
        _emit(msgs)
        on_done(_retried(parts, ctx, task))


def _run_dask(ctx: GridContext, tasks: list[Task], control: Any, on_done: Callable[[list], None], setup: WorkerSetup,
              verbose: bool) -> None:
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    client = dask_client(required=True)
    info = client.scheduler_info(n_workers=-1) if _takes_n_workers(client) else client.scheduler_info()
    workers = info.get("workers", {})
    host_threads: dict[str, int] = {}
    for w in workers.values():
        host = str(w.get("host", ""))
        host_threads[host] = host_threads.get(host, 0) + int(w.get("nthreads", 1))
    total = max(1, sum(host_threads.values()))
    threads = _worker_threads(control.threads, available_cores() // total if len(host_threads) <= 1 else 1)
    ctx_f = client.scatter(ctx, broadcast=True)
    futures = {client.submit(_worker, ctx_f, t, threads, verbose, setup, pure=False): t for t in tasks}
    for fut in as_completed(list(futures)):
        task = futures[fut]
        try:
            parts, msgs = fut.result()
        except KilledWorker:
            logger.warning("Dask workers died evaluating resample %d; recorded in the notes.", task[0] + 1)
            on_done(_died_parts(ctx, task, 1 + int(_allowed_failures())))
            continue
        _emit(msgs)
        on_done(parts)


def _takes_n_workers(client: Any) -> bool:
    import inspect

    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return False


def _allowed_failures() -> int:
    import dask

    return int(dask.config.get("distributed.scheduler.allowed-failures", 3))
