"""Control objects of the tuning functions (R: tune ``R/control.R``).

``control_grid()`` and its alias ``control_resamples()`` configure :func:`tune_grid` and
:func:`fit_resamples`; ``control_last_fit()`` configures :func:`last_fit`. They only hold
settings: frozen attrs classes validated on construction, so a typo fails early.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from attrs import evolve, field, frozen

from ..errors import InvalidParameterError

__all__ = ["ControlGrid", "control_grid", "control_resamples", "control_last_fit"]

_PARALLEL_OVER = ("resamples", "everything")


def _check_bool(value: Any, name: str, owner: str) -> None:
    if not isinstance(value, bool):
        raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")


def _check_common(owner: str, *, verbose: Any, allow_par: Any, extract: Any, save_pred: Any, pkgs: Any,
                  save_workflow: Any, event_level: Any, parallel_over: Any) -> None:
    for name, value in (("verbose", verbose), ("allow_par", allow_par), ("save_pred", save_pred),
                        ("save_workflow", save_workflow)):
        _check_bool(value, name, owner)
    if extract is not None and not callable(extract):
        raise InvalidParameterError(
            f"`extract` in {owner} must be a function of the fitted workflow, or None; got {extract!r}."
        )
    if pkgs is not None and not (isinstance(pkgs, (list, tuple)) and all(isinstance(p, str) for p in pkgs)):
        raise InvalidParameterError(f"`pkgs` in {owner} must be a list of module names, or None; got {pkgs!r}.")
    if event_level not in ("first", "second"):
        raise InvalidParameterError(f"`event_level` in {owner} must be 'first' or 'second'; got {event_level!r}.")
    if parallel_over is not None and parallel_over not in _PARALLEL_OVER:
        raise InvalidParameterError(
            f"`parallel_over` in {owner} must be 'resamples', 'everything' or None; got {parallel_over!r}."
        )


_BACKENDS = ("sequential", "loky", "dask")


def _to_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _check_run_options(owner: str, *, backend: Any, n_jobs: Any, progress: Any, submodels: Any,
                       save_path: Any = None, extract: Any = None, threads: Any = 1) -> None:
    """Checks of pytidy's execution options (backend, workers, progress bar, submodels, checkpoints)."""
    if backend == "ray":
        raise NotImplementedError(f"`backend='ray'` in {owner} is not implemented; use 'dask' or 'loky'.")
    if backend is not None and backend not in _BACKENDS:
        raise InvalidParameterError(
            f"`backend` in {owner} must be 'sequential', 'loky', 'dask' or None (a Dask client in scope, else "
            f"loky when n_jobs > 1); got {backend!r}."
        )
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or (n_jobs < 1 and n_jobs != -1):
        raise InvalidParameterError(
            f"`n_jobs` in {owner} must be a positive whole number of worker processes, or -1 for one per core; "
            f"got {n_jobs!r}."
        )
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InvalidParameterError(
            f"`threads` in {owner} must be a positive whole number of BLAS/torch threads per model fit, or None "
            f"to leave thread settings alone; got {threads!r}."
        )
    _check_bool(progress, "progress", owner)
    _check_bool(submodels, "submodels", owner)
    if save_path is not None:
        if not isinstance(save_path, (str, os.PathLike)):
            raise InvalidParameterError(
                f"`save_path` in {owner} must be a directory path (str or pathlib.Path), or None; got {save_path!r}."
            )
        if extract is not None:
            raise NotImplementedError(
                f"{owner}: `save_path` with `extract` is not implemented: extracted objects cannot be written in "
                "a safe (non-pickle) format. Drop one of the two."
            )


@frozen
class ControlGrid:
    """Settings of :func:`tune_grid`, :func:`fit_resamples` and :func:`last_fit` (R: ``control_grid``).

    Build it with :func:`control_grid`, :func:`control_resamples` or :func:`control_last_fit`;
    constructing it directly validates the same way.
    """

    verbose: bool = False
    allow_par: bool = True
    extract: Callable[[Any], Any] | None = None
    save_pred: bool = False
    pkgs: tuple[str, ...] | None = field(default=None, converter=_to_tuple)
    save_workflow: bool = False
    event_level: str = "first"
    parallel_over: str | None = None
    backend: str | None = None
    n_jobs: int = 1
    progress: bool = False
    save_path: str | os.PathLike | None = None
    submodels: bool = True
    threads: int | None = 1

    def __attrs_post_init__(self) -> None:
        owner = "control_grid()"
        _check_common(owner, verbose=self.verbose, allow_par=self.allow_par, extract=self.extract,
                      save_pred=self.save_pred, pkgs=self.pkgs, save_workflow=self.save_workflow,
                      event_level=self.event_level, parallel_over=self.parallel_over)
        _check_run_options(owner, backend=self.backend, n_jobs=self.n_jobs, progress=self.progress,
                           submodels=self.submodels, save_path=self.save_path, extract=self.extract,
                           threads=self.threads)

    def __repr__(self) -> str:
        return "grid/resamples control object"


def control_grid(verbose: bool = False, allow_par: bool = True, extract: Callable[[Any], Any] | None = None,
                 save_pred: bool = False, pkgs: list[str] | None = None, save_workflow: bool = False,
                 event_level: str = "first", parallel_over: str | None = None, *, backend: str | None = None,
                 n_jobs: int = 1, progress: bool = False, save_path: str | os.PathLike | None = None,
                 submodels: bool = True, threads: int | None = 1) -> ControlGrid:
    """Control aspects of the grid search (R: ``tune::control_grid()``).

    Parameters
    ----------
    verbose : bool, default False
        Print R's log lines as each resample is processed (``i Fold1: preprocessor 1/1``,
        ``\u2713 Fold1: preprocessor 1/1, model 1/2``, ...). With workers, a task's lines are
        printed when it returns.
    allow_par : bool, default True
        Evaluate in parallel when a parallel ``backend`` is chosen (False: always sequential).
    extract : callable, optional
        A function of each fitted workflow; its results are kept in ``.extracts``
        (see ``TuneResults.collect_extracts()``). With submodels, every configuration of a
        fitted group gets the extract of the one fit, as in R.
    save_pred : bool, default False
        Keep the assessment-set predictions (``collect_predictions()``).
    pkgs : list of str, optional
        Modules each worker process imports before it evaluates (R: packages loaded in the
        workers), e.g. a module that registers a third-party engine.
    save_workflow : bool, default False
        Keep the workflow in the results (needed by ``fit_best()`` in R).
    event_level : {"first", "second"}
        Which factor level is the event for two-class metrics.
    parallel_over : {"resamples", "everything"} or None
        The unit of parallel work: each resample, or each resample and preprocessor
        configuration ("everything"; R splits further, to single model configurations, but
        pytidy keeps the models of a preprocessor together so its recipe is prepped once). None:
        "resamples" when there is more than one resample, else "everything" (R's rule).
    backend : {"sequential", "loky", "dask"} or None
        pytidy's choice of R's foreach/future plan: joblib's loky processes with ``n_jobs``
        workers, or Dask distributed (the ``Client`` in scope). None: Dask when a client is in
        scope, else loky when ``n_jobs != 1``, else sequential. Every backend and worker count
        gives the sequential results bit for bit (see ``threads``). With loky, a worker that dies
        has its tasks retried once, alone; a task that kills its worker again is recorded in
        ``.notes``. Dask's scheduler retries lost tasks itself; a task it gives up on
        (``KilledWorker``) is recorded in ``.notes``.
    n_jobs : int, default 1
        Worker processes for ``backend="loky"`` (-1: one per core).
    progress : bool, default False
        Show a tqdm bar over configurations x resamples.
    save_path : str or Path, optional
        A directory where results are written as they arrive (JSON, never pickle). A rerun with
        the same arguments skips the finished (resample, preprocessor) parts and returns the same
        result as an uninterrupted run. Not available with ``extract``.
    submodels : bool, default True
        Fit once and predict many values of an argument the engine supports
        (``EngineInfo.multi_predict``, e.g. glmnet's ``penalty``), as R does; the metrics are the
        same as with one fit per configuration (False).
    threads : int or None, default 1
        BLAS/OpenMP and torch threads of each model fit, sequential or in a worker (not in R,
        where each package sets its own). A sum split over a different number of threads adds in
        a different order, so fixing the count is what makes results equal to the last bit
        whatever the backend and worker count; one thread per fit also keeps workers from
        oversubscribing the cores. None leaves the threads alone in a sequential run and gives
        each worker ``cores // workers``: faster for a few large fits on many cores, but results
        may then differ in the last bits between worker counts.

    Returns
    -------
    ControlGrid

    Examples
    --------
    >>> ctrl = control_grid(save_pred=True, backend="loky", n_jobs=2)
    >>> ctrl.save_pred, ctrl.event_level, ctrl.n_jobs
    (True, 'first', 2)
    """
    return ControlGrid(verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                       save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over,
                       backend=backend, n_jobs=n_jobs, progress=progress, save_path=save_path, submodels=submodels,
                       threads=threads)


def control_resamples(verbose: bool = False, allow_par: bool = True, extract: Callable[[Any], Any] | None = None,
                      save_pred: bool = False, pkgs: list[str] | None = None, save_workflow: bool = False,
                      event_level: str = "first", parallel_over: str | None = None, *, backend: str | None = None,
                      n_jobs: int = 1, progress: bool = False, save_path: str | os.PathLike | None = None,
                      submodels: bool = True, threads: int | None = 1) -> ControlGrid:
    """Control :func:`fit_resamples` (R: ``control_resamples``, an alias of ``control_grid``).

    Examples
    --------
    >>> control_resamples(save_pred=True).save_pred
    True
    """
    return control_grid(verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                        save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over,
                        backend=backend, n_jobs=n_jobs, progress=progress, save_path=save_path, submodels=submodels,
                       threads=threads)


def control_last_fit(verbose: bool = False, event_level: str = "first", allow_par: bool = False) -> ControlGrid:
    """Control :func:`last_fit` (R: ``control_last_fit``).

    R keeps the predictions and the fitted workflow; so does pytidy (``save_pred=True`` and an
    ``extract`` that returns the fitted workflow). The one fit uses the threads the session has
    (``threads=None``), not one.

    Examples
    --------
    >>> ctrl = control_last_fit()
    >>> ctrl.save_pred, ctrl.extract is not None
    (True, True)
    """
    return control_grid(verbose=verbose, event_level=event_level, allow_par=allow_par, save_pred=True,
                        extract=_keep_workflow, threads=None)


def condense_control(control: Any, verbose: bool | None = None) -> ControlGrid:
    """The control_grid() an iterative search's control implies for each batch (R: ``condense_control``).

    ``control`` is a ControlBayes or ControlSimAnneal (anything with the shared settings);
    ``verbose`` overrides its ``verbose``. pytidy's run options (``backend``, ``n_jobs``,
    ``threads``, ``progress``) are passed on where the control has them.
    """
    grid = as_control_grid(control, "condense_control()")
    return grid if verbose is None else evolve(grid, verbose=verbose)


# pytidy's execution options of control_grid() (not R's): passed on by the search controls that have them.
_RUN_OPTIONS = ("backend", "n_jobs", "threads", "progress", "save_path", "submodels")


def _run_options(control: Any) -> dict[str, Any]:
    """The run options ``control`` has (a race, Bayes or annealing control has some of them)."""
    return {f: getattr(control, f) for f in _RUN_OPTIONS if hasattr(control, f)}


def _keep_workflow(fitted: Any) -> Any:
    """The extract ``control_last_fit()`` uses: the fitted workflow itself."""
    return fitted


def as_control_grid(control: Any, owner: str) -> ControlGrid:
    """Accept None (defaults), a ControlGrid, or a race control (its grid settings; R ``condense_control``)."""
    if control is None:
        return control_grid()
    if isinstance(control, ControlGrid):
        return control
    fields = ("verbose", "allow_par", "extract", "save_pred", "pkgs", "save_workflow", "event_level",
              "parallel_over")
    if all(hasattr(control, f) for f in fields):
        # a race (or other search) control: its grid settings; pytidy's run options when it has them
        return ControlGrid(**{f: getattr(control, f) for f in fields}, **_run_options(control))
    raise InvalidParameterError(
        f"`control` in {owner} must be made by control_grid() (or control_resamples()); got {type(control).__name__}."
    )
