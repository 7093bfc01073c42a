"""``control_race()``: settings of the racing functions (R: finetune ``R/control_race.R``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from .._checks import check_number
from ..errors import InvalidParameterError
from ..tune.control import _check_common

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
    pkgs: tuple[str, ...] | None = None
    save_workflow: bool = False
    event_level: str = "first"
    parallel_over: str | None = "everything"

    def __repr__(self) -> str:
        return "Racing method control object"


def control_race(verbose: bool = False, verbose_elim: bool = False, allow_par: bool = True,
                 extract: Callable[[Any], Any] | None = None, save_pred: bool = False, burn_in: int = 3,
                 num_ties: int = 10, alpha: float = 0.05, randomize: bool = True, pkgs: list[str] | None = None,
                 save_workflow: bool = False, event_level: str = "first",
                 parallel_over: str | None = "everything") -> ControlRace:
    """Control aspects of racing (R: ``finetune::control_race()``).

    Parameters
    ----------
    verbose : bool, default False
        Print a line per resample and configuration as they are fitted.
    verbose_elim : bool, default False
        Log (and print) the race: the burn-in, the metric raced on, and after each resample how
        many candidates were eliminated and how many remain.
    allow_par, pkgs, parallel_over
        Kept for R parity; resamples are evaluated sequentially.
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
    owner = "control_race()"
    _check_common(owner, verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                  save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)
    for name, value in (("verbose_elim", verbose_elim), ("randomize", randomize)):
        if not isinstance(value, bool):
            raise InvalidParameterError(f"`{name}` in {owner} must be True or False; got {value!r}.")
    burn_in = check_number(burn_in, "burn_in", owner, lower=2, integer=True)
    num_ties = check_number(num_ties, "num_ties", owner, lower=0, integer=True)
    check_number(alpha, "alpha", owner)
    if not 0 < alpha < 1:
        raise InvalidParameterError(f"`alpha` in {owner} should be in (0, 1); got {alpha!r}.")
    return ControlRace(verbose=verbose, verbose_elim=verbose_elim, allow_par=allow_par, extract=extract,
                       save_pred=save_pred, burn_in=int(burn_in), num_ties=int(num_ties), alpha=float(alpha),
                       randomize=randomize, pkgs=tuple(pkgs) if pkgs is not None else None,
                       save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)
