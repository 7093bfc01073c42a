"""``control_race()``: settings of the racing functions (R: finetune ``R/control_race.R``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import field, frozen

from .._checks import check_number
from ..errors import InvalidParameterError
from ..tune.control import _check_common, _check_run_options, _to_tuple

__all__ = ["ControlRace", "control_race"]


@frozen
class ControlRace:
    """Settings of :func:`tune_race_anova`; build it with :func:`control_race`."""

    verbose: bool = False
    verbose_elim: bool = False
    allow_par: bool = True
    extract: Callable[[Any], Any] | None = None
    save_pred: bool = False
    burn_in: int = 3
    num_ties: int = 10
    alpha: float = 0.05
    randomize: bool = True
    pkgs: tuple[str, ...] | None = field(default=None, converter=_to_tuple)
    save_workflow: bool = False
    event_level: str = "first"
    parallel_over: str | None = "everything"
    backend: str | None = None
    n_jobs: int = 1
    progress: bool = False
    submodels: bool = True
    threads: int | None = 1

    def __attrs_post_init__(self) -> None:
        _check_race(self)

    def __repr__(self) -> str:
        return "Racing method control object"


def control_race(verbose: bool = False, verbose_elim: bool = False, allow_par: bool = True,
                 extract: Callable[[Any], Any] | None = None, save_pred: bool = False, burn_in: int = 3,
                 num_ties: int = 10, alpha: float = 0.05, randomize: bool = True, pkgs: list[str] | None = None,
                 save_workflow: bool = False, event_level: str = "first",
                 parallel_over: str | None = "everything", *, backend: str | None = None, n_jobs: int = 1,
                 progress: bool = False, submodels: bool = True, threads: int | None = 1) -> ControlRace:
    """Control aspects of racing (R: ``finetune::control_race()``).

    Parameters
    ----------
    verbose : bool, default False
        Print a line per resample and configuration as they are fitted.
    verbose_elim : bool, default False
        Log (and print) the race: the burn-in, the metric raced on, and after each resample how
        many candidates were eliminated and how many remain.
    allow_par, pkgs, parallel_over, backend, n_jobs, progress, submodels, threads
        As in :func:`control_grid`; each stage of the race is evaluated with them.
    extract, save_pred, save_workflow, event_level
        As in :func:`control_grid`.
    burn_in : int, default 3
        Resamples every candidate is evaluated on before the first elimination (at least 2).
    num_ties : int, default 10
        After this many stages with two close candidates, the one with the better mean wins.
    alpha : float, default 0.05
        Level of the two-sided interval of (candidate - best) used for elimination, in (0, 1).
    randomize : bool, default True
        Evaluate resamples in random order (within each repeat for repeated cross-validation).

    Returns
    -------
    ControlRace

    Examples
    --------
    >>> ctrl = control_race(verbose_elim=True, burn_in=4)
    >>> ctrl.burn_in, ctrl.alpha, ctrl.parallel_over
    (4, 0.05, 'everything')
    """
    return ControlRace(verbose=verbose, verbose_elim=verbose_elim, allow_par=allow_par, extract=extract,
                       save_pred=save_pred, burn_in=burn_in, num_ties=num_ties, alpha=alpha, randomize=randomize,
                       pkgs=pkgs, save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over,
                       backend=backend, n_jobs=n_jobs, progress=progress, submodels=submodels,
                       threads=threads)


def _check_race(ctrl: ControlRace) -> None:
    """The checks of control_race(), run whenever a ControlRace is built."""
    owner = "control_race()"
    _check_common(owner, verbose=ctrl.verbose, allow_par=ctrl.allow_par, extract=ctrl.extract,
                  save_pred=ctrl.save_pred, pkgs=ctrl.pkgs, save_workflow=ctrl.save_workflow,
                  event_level=ctrl.event_level, parallel_over=ctrl.parallel_over)
    _check_run_options(owner, backend=ctrl.backend, n_jobs=ctrl.n_jobs, progress=ctrl.progress,
                       submodels=ctrl.submodels, threads=ctrl.threads)
    for name, value in (("verbose_elim", ctrl.verbose_elim), ("randomize", ctrl.randomize)):
        if not isinstance(value, bool):
            raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    burn_in = check_number(ctrl.burn_in, "burn_in", owner, lower=2, integer=True)
    num_ties = check_number(ctrl.num_ties, "num_ties", owner, lower=0, integer=True)
    check_number(ctrl.alpha, "alpha", owner)
    if not 0 < ctrl.alpha < 1:
        raise InvalidParameterError(f"`alpha` in {owner} should be in (0, 1); got {ctrl.alpha!r}.")
    object.__setattr__(ctrl, "burn_in", int(burn_in))
    object.__setattr__(ctrl, "num_ties", int(num_ties))
    object.__setattr__(ctrl, "alpha", float(ctrl.alpha))
