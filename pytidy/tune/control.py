"""Control objects of the tuning functions (R: tune ``R/control.R``).

``control_grid()`` and its alias ``control_resamples()`` configure :func:`tune_grid` and
:func:`fit_resamples`; ``control_last_fit()`` configures :func:`last_fit`. They only hold
settings: frozen attrs classes validated on construction, so a typo fails early.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

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


@frozen
class ControlGrid:
    """Settings of :func:`tune_grid`, :func:`fit_resamples` and :func:`last_fit` (R: ``control_grid``).

    Build it with :func:`control_grid`, :func:`control_resamples` or :func:`control_last_fit`.
    ``allow_par`` and ``parallel_over`` are kept for R parity; pytidy evaluates resamples one
    after the other (the TabNet engine already uses every core for one fit).
    """

    verbose: bool = False
    allow_par: bool = True
    extract: Callable[[Any], Any] | None = None
    save_pred: bool = False
    pkgs: tuple[str, ...] | None = None
    save_workflow: bool = False
    event_level: str = "first"
    parallel_over: str | None = None

    def __repr__(self) -> str:
        return "grid/resamples control object"


def control_grid(verbose: bool = False, allow_par: bool = True, extract: Callable[[Any], Any] | None = None,
                 save_pred: bool = False, pkgs: list[str] | None = None, save_workflow: bool = False,
                 event_level: str = "first", parallel_over: str | None = None) -> ControlGrid:
    """Control aspects of the grid search (R: ``tune::control_grid()``).

    Parameters
    ----------
    verbose : bool, default False
        Print a line per resample and configuration as they are fitted.
    allow_par : bool, default True
        Kept for R parity; resamples are evaluated sequentially.
    extract : callable, optional
        A function of each fitted workflow; its results are kept in ``.extracts``
        (see ``TuneResults.collect_extracts()``).
    save_pred : bool, default False
        Keep the assessment-set predictions (``collect_predictions()``).
    pkgs : list of str, optional
        Kept for R parity (modules the workers would load).
    save_workflow : bool, default False
        Keep the workflow in the results (needed by ``fit_best()`` in R).
    event_level : {"first", "second"}
        Which factor level is the event for two-class metrics.
    parallel_over : {"resamples", "everything"} or None
        Kept for R parity; None lets R choose.

    Returns
    -------
    ControlGrid

    Examples
    --------
    >>> ctrl = control_grid(save_pred=True)
    >>> ctrl.save_pred, ctrl.event_level
    (True, 'first')
    """
    owner = "control_grid()"
    _check_common(owner, verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                  save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)
    return ControlGrid(verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred,
                       pkgs=tuple(pkgs) if pkgs is not None else None, save_workflow=save_workflow,
                       event_level=event_level, parallel_over=parallel_over)


def control_resamples(verbose: bool = False, allow_par: bool = True, extract: Callable[[Any], Any] | None = None,
                      save_pred: bool = False, pkgs: list[str] | None = None, save_workflow: bool = False,
                      event_level: str = "first", parallel_over: str | None = None) -> ControlGrid:
    """Control :func:`fit_resamples` (R: ``control_resamples``, an alias of ``control_grid``).

    Examples
    --------
    >>> control_resamples(save_pred=True).save_pred
    True
    """
    return control_grid(verbose=verbose, allow_par=allow_par, extract=extract, save_pred=save_pred, pkgs=pkgs,
                        save_workflow=save_workflow, event_level=event_level, parallel_over=parallel_over)


def control_last_fit(verbose: bool = False, event_level: str = "first", allow_par: bool = False) -> ControlGrid:
    """Control :func:`last_fit` (R: ``control_last_fit``).

    R keeps the predictions and the fitted workflow; so does pytidy (``save_pred=True`` and an
    ``extract`` that returns the fitted workflow).

    Examples
    --------
    >>> ctrl = control_last_fit()
    >>> ctrl.save_pred, ctrl.extract is not None
    (True, True)
    """
    return control_grid(verbose=verbose, event_level=event_level, allow_par=allow_par, save_pred=True,
                        extract=_keep_workflow)


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
        return ControlGrid(**{f: getattr(control, f) for f in fields})
    raise InvalidParameterError(
        f"`control` in {owner} must be made by control_grid() (or control_resamples()); got {type(control).__name__}."
    )
