"""``control_bayes()``: settings of :func:`tune_bayes` (R: tune ``R/control.R``)."""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable
from typing import Any, cast

from attrs import frozen

from ..errors import InvalidParameterError, PytidyWarning
from .control import _check_common, _check_run_options, condense_control

__all__ = ["ControlBayes", "control_bayes"]


def check_count(value: Any, name: str, owner: str, lower: int) -> float:
    """A whole number >= lower, or math.inf (R: ``check_number_whole(allow_infinite = TRUE)``)."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and not math.isnan(value)
    if ok and math.isinf(value) and value > 0:
        return math.inf
    if not ok or math.isinf(value) or value != int(value) or value < lower:
        raise InvalidParameterError(
            f"`{name}` in {owner} must be a whole number >= {lower} or math.inf; got {value!r}."
        )
    return int(value)


def check_time_limit(value: Any, owner: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not cast(float, value) > 0:
        raise InvalidParameterError(
            f"`time_limit` in {owner} must be a positive number of minutes or None (no limit); got {value!r}."
        )
    return float(value)


@frozen
class ControlBayes:
    """Settings of :func:`tune_bayes`; build it with :func:`control_bayes`."""

    verbose: bool = False
    verbose_iter: bool = False
    no_improve: float = 10
    uncertain: float = math.inf
    seed: int | None = None
    extract: Callable[[Any], Any] | None = None
    save_pred: bool = False
    time_limit: float | None = None
    pkgs: tuple[str, ...] | None = None
    save_workflow: bool = False
    save_gp_scoring: bool = False
    event_level: str = "first"
    parallel_over: str | None = None
    allow_par: bool = True
    backend: str | None = None
    n_jobs: int = 1
    threads: int | None = 1
    progress: bool = False

    def grid_control(self, verbose: bool | None = None) -> Any:
        """The control_grid() that evaluates each batch of candidates (R: ``condense_control``)."""
        return condense_control(self, verbose)

    def __repr__(self) -> str:
        return "Bayes control object"


def control_bayes(verbose: bool = False, verbose_iter: bool = False, no_improve: float = 10,
                  uncertain: float = math.inf, seed: int | None = None, extract: Callable[[Any], Any] | None = None,
                  save_pred: bool = False, time_limit: float | None = None, pkgs: list[str] | None = None,
                  save_workflow: bool = False, save_gp_scoring: bool = False, event_level: str = "first",
                  parallel_over: str | None = None, allow_par: bool = True, *, backend: str | None = None,
                  n_jobs: int = 1, threads: int | None = 1, progress: bool = False) -> ControlBayes:
    """Control aspects of Bayesian search (R: ``tune::control_bayes()``).

    Parameters
    ----------
    verbose : bool, default False
        Print a line per resample and configuration as they are fitted.
    verbose_iter : bool, default False
        Print R's per-iteration log: "-- Iteration 1 --", "i Current best: ...", the GP fit, the
        chosen candidate and "<3 Newest results: ..." (a heart when it is the new best).
    no_improve : int or math.inf, default 10
        Stop after this many consecutive iterations without a better mean.
    uncertain : int or math.inf, default inf
        After this many iterations without improvement, take an uncertainty sample: a random
        candidate among the 10% with the largest predicted standard deviation.
    seed : int, optional
        Seeds the GP restarts, candidate sets and uncertainty samples (R draws one at random;
        pytidy uses ``tune_bayes(seed=)`` or the generator ``tm.set_seed`` seeded).
    extract, save_pred, pkgs, save_workflow, event_level, parallel_over, allow_par
        As in :func:`control_grid`.
    time_limit : float, optional
        Minutes; the search stops (returning the results so far) once exceeded.
    backend, n_jobs, threads, progress
        As in :func:`control_grid`: how each batch of candidates is evaluated (pytidy's run
        options; R takes them from the registered parallel backend).
    save_gp_scoring : bool, default False
        Keep each iteration's GP fit and scored candidates in ``res.history`` (columns ``iter``,
        ``gp``, ``candidates``; R writes them to files in ``tempdir()``).

    Returns
    -------
    ControlBayes

    Examples
    --------
    >>> ctrl = control_bayes(no_improve=5, verbose_iter=True)
    >>> ctrl.no_improve, ctrl.uncertain
    (5, inf)
    """
    owner = "control_bayes()"
    _check_common(owner, verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                  save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)
    _check_run_options(owner, backend=backend, n_jobs=n_jobs, progress=progress, submodels=True, threads=threads)
    for name, value in (("verbose_iter", verbose_iter), ("save_gp_scoring", save_gp_scoring)):
        if not isinstance(value, bool):
            raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    no_improve = check_count(no_improve, "no_improve", owner, 0)
    uncertain = check_count(uncertain, "uncertain", owner, 0)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        raise InvalidParameterError(f"`seed` in {owner} must be a non-negative whole number or None; got {seed!r}.")
    time_limit = check_time_limit(time_limit, owner)
    if not math.isinf(uncertain) and uncertain > no_improve:
        warnings.warn(f"Uncertainty sample scheduled after {uncertain} poor iterations but the search will stop "
                      f"after {no_improve}.", PytidyWarning, stacklevel=2)
    return ControlBayes(verbose=verbose, verbose_iter=verbose_iter, no_improve=no_improve, uncertain=uncertain,
                        seed=None if seed is None else int(seed), extract=extract, save_pred=save_pred,
                        time_limit=time_limit, pkgs=tuple(pkgs) if pkgs is not None else None,
                        save_workflow=save_workflow, save_gp_scoring=save_gp_scoring, event_level=event_level,
                        parallel_over=parallel_over, allow_par=allow_par, backend=backend, n_jobs=n_jobs,
                        threads=threads, progress=progress)
