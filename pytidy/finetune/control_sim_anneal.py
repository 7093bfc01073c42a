"""``control_sim_anneal()``: settings of :func:`tune_sim_anneal` (R: finetune ``R/control_sim_anneal.R``)."""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import InvalidParameterError, PytidyWarning
from ..tune.control import _check_common, _check_run_options, condense_control
from ..tune.control_bayes import check_count, check_time_limit

__all__ = ["ControlSimAnneal", "control_sim_anneal"]


@frozen
class ControlSimAnneal:
    """Settings of :func:`tune_sim_anneal`; build it with :func:`control_sim_anneal`."""

    verbose: bool = False
    verbose_iter: bool = True
    no_improve: float = math.inf
    restart: float = 8  # a whole number, or math.inf (accepted by check_count)
    radius: tuple[float, float] = (0.05, 0.15)
    flip: float = 0.75
    cooling_coef: float = 0.02
    extract: Callable[[Any], Any] | None = None
    save_pred: bool = False
    time_limit: float | None = None
    pkgs: tuple[str, ...] | None = None
    save_workflow: bool = False
    save_history: bool = False
    event_level: str = "first"
    parallel_over: str | None = None
    allow_par: bool = True
    backend: str | None = None
    n_jobs: int = 1
    threads: int | None = 1
    progress: bool = False

    def grid_control(self, verbose: bool | None = None) -> Any:
        """The control_grid() that resamples each candidate (R: ``condense_control``)."""
        return condense_control(self, verbose)

    def __repr__(self) -> str:
        return "Simulated annealing control object"


def _real(value: Any, name: str, owner: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise InvalidParameterError(f"`{name}` in {owner} must be a number; got {value!r}.")
    return float(value)


def control_sim_anneal(verbose: bool = False, verbose_iter: bool = True, no_improve: float = math.inf,
                       restart: float = 8, radius: tuple[float, float] = (0.05, 0.15), flip: float = 3 / 4,
                       cooling_coef: float = 0.02, extract: Callable[[Any], Any] | None = None,
                       save_pred: bool = False, time_limit: float | None = None, pkgs: list[str] | None = None,
                       save_workflow: bool = False, save_history: bool = False, event_level: str = "first",
                       parallel_over: str | None = None, allow_par: bool = True, *, backend: str | None = None,
                       n_jobs: int = 1, threads: int | None = 1, progress: bool = False) -> ControlSimAnneal:
    """Control aspects of simulated annealing (R: ``finetune::control_sim_anneal()``).

    Parameters
    ----------
    verbose : bool, default False
        Print a line per resample and configuration as they are fitted.
    verbose_iter : bool, default True
        Print R's per-iteration log ("Initial best: ...", "1 ♥ new best  roc_auc=... (+/-...)").
    no_improve : int or math.inf, default inf
        Stop after this many iterations without a new global best (at least 2).
    restart : int, default 8
        After this many iterations without a new best, restart from the global best (at least 2).
    radius : (float, float), default (0.05, 0.15)
        Smallest and largest distance of a new candidate from the current one, on the [0, 1]
        scale of the transformed parameters. Sorted; values are kept inside (0, 1) as in R.
    flip : float, default 0.75
        Probability that an integer or qualitative parameter changes; clipped to [0, 1].
    cooling_coef : float, default 0.02
        Larger values make accepting a worse result less likely; values <= 0 become 1e-4.
    time_limit : float, optional
        Minutes; the search stops (returning the results so far) once exceeded.
    save_history : bool, default False
        Keep the decision table of every iteration in ``res.history`` (R writes ``sa_history.RData``).
    extract, save_pred, pkgs, save_workflow, event_level, parallel_over, allow_par
        As in :func:`pytidy.tune.control_grid`.
    backend, n_jobs, threads, progress
        As in :func:`pytidy.tune.control_grid`: how each iteration's candidate is evaluated
        (pytidy's run options; R takes them from the registered parallel backend).

    Returns
    -------
    ControlSimAnneal

    Examples
    --------
    >>> ctrl = control_sim_anneal(radius=(0.2, 0.1), flip=2.0)
    >>> ctrl.radius, ctrl.flip
    ((0.1, 0.2), 1.0)
    """
    owner = "control_sim_anneal()"
    _check_common(owner, verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                  save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)
    _check_run_options(owner, backend=backend, n_jobs=n_jobs, progress=progress, submodels=True, threads=threads)
    for name, value in (("verbose_iter", verbose_iter), ("save_history", save_history)):
        if not isinstance(value, bool):
            raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    no_improve = check_count(no_improve, "no_improve", owner, 2)
    restart = check_count(restart, "restart", owner, 2)
    if isinstance(radius, (str, bytes)) or not hasattr(radius, "__len__") or len(radius) != 2:
        raise InvalidParameterError(f"Argument `radius` in {owner} should be two numeric values; got {radius!r}.")
    rad = sorted(_real(r, "radius", owner) for r in radius)
    rad = [0.001 if r <= 0 else (0.999 if r >= 1 else r) for r in rad]
    flip = min(max(_real(flip, "flip", owner), 0.0), 1.0)
    cooling_coef = _real(cooling_coef, "cooling_coef", owner)
    if cooling_coef <= 0:
        cooling_coef = 0.0001
    time_limit = check_time_limit(time_limit, owner)
    if not math.isinf(restart) and restart > no_improve:
        warnings.warn(f"Parameter restart is scheduled after {restart} poor iterations but the search will stop "
                      f"after {no_improve}.", PytidyWarning, stacklevel=2)
    return ControlSimAnneal(verbose=verbose, verbose_iter=verbose_iter, no_improve=no_improve, restart=restart,
                            radius=(rad[0], rad[1]), flip=flip, cooling_coef=cooling_coef, extract=extract,
                            save_pred=save_pred, time_limit=time_limit,
                            pkgs=tuple(pkgs) if pkgs is not None else None, save_workflow=save_workflow,
                            save_history=save_history, event_level=event_level, parallel_over=parallel_over,
                            allow_par=allow_par, backend=backend, n_jobs=n_jobs, threads=threads, progress=progress)
