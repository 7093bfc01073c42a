"""Fit the final model on the training set and evaluate it on the test set (R: tune ``R/last_fit.R``)."""

from __future__ import annotations

from typing import Any

from .._random import SeedLike
from ..errors import InvalidParameterError
from .control import as_control_grid, control_last_fit
from .results import LastFit
from .tune_grid import _seeds, as_workflow, check_metrics, check_no_tune, run_grid

__all__ = ["last_fit"]


def last_fit(object: Any, split: Any, *, preprocessor: Any = None, metrics: Any = None, control: Any = None,
             seed: SeedLike = None, add_validation_set: bool = False) -> LastFit:
    """Fit on ``training(split)`` and evaluate on ``testing(split)`` (R: ``tune::last_fit()``).

    R wraps the split as a one-resample set with id ``"train/test split"``
    (``manual_rset``); so does pytidy.

    Parameters
    ----------
    object : Workflow or ModelSpec
        A finalized workflow (no ``tune()`` left), or a model spec plus ``preprocessor``.
    split : RSplit or ThreeWaySplit
        From :func:`initial_split`, :func:`initial_time_split` or :func:`initial_validation_split`.
    metrics : MetricSet, optional
        Defaults as in :func:`tune_grid`.
    control : ControlGrid, optional
        :func:`control_last_fit` by default (keeps predictions and the fitted workflow).
    seed : int or numpy Generator, optional
    add_validation_set : bool, default False
        For a split from :func:`initial_validation_split`: fit on the training *and* validation rows
        (``True``) or on the training rows only (``False``, R's default); the test rows are always
        the assessment set (R: ``last_fit(add_validation_set = FALSE)``). Ignored otherwise, as in R.

    Returns
    -------
    LastFit
        ``collect_metrics()`` (``.metric, .estimator, .estimate, .config``),
        ``collect_predictions()`` and ``extract_workflow()``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> df = pd.DataFrame({"x": range(40)}).assign(y=lambda d: 1.5 * d.x + (d.x % 5))
    >>> split = tm.initial_split(df, prop=0.75, seed=3)
    >>> wf = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ x")
    >>> res = last_fit(wf, split)
    >>> res.collect_metrics()[[".metric", ".config"]]
      .metric          .config
    0    rmse  pre0_mod0_post0
    1     rsq  pre0_mod0_post0
    >>> len(res.collect_predictions()) == len(tm.testing(split))
    True
    """
    import numpy as np

    from ..rsample import RSplit, ThreeWaySplit, manual_rset

    owner = "last_fit()"
    wf = as_workflow(object, preprocessor, owner)
    if not isinstance(add_validation_set, bool):
        raise InvalidParameterError(
            f"`add_validation_set` in last_fit() must be True or False; got {add_validation_set!r}."
        )
    if isinstance(split, ThreeWaySplit):
        # R's last_fit() on an initial_validation_split: analysis = training (+ validation when
        # add_validation_set = TRUE), assessment = testing.
        fit_rows = split.train_id
        if add_validation_set:
            fit_rows = np.concatenate([split.train_id, split.val_id])
        fit_rows = np.sort(fit_rows)
        split = RSplit(split.data, fit_rows, split.test_id(), id={"id": split.id}, kind="initial_split")
    if not isinstance(split, RSplit):
        raise InvalidParameterError(
            "`split` in last_fit() must be an initial split such as initial_split(data) or "
            f"initial_validation_split(data); got {type(split).__name__}."
        )
    check_no_tune(wf, owner)
    control = as_control_grid(control if control is not None else control_last_fit(), owner)
    metrics = check_metrics(metrics, wf, owner)
    rset = manual_rset([split], ["train/test split"])
    _, base_seed = _seeds(seed)
    res, fitted = run_grid(wf, rset, None, metrics, control, None, base_seed, owner, keep_fit=True)
    fields = {a: getattr(res, a) for a in ("splits", "ids", "metric_values", "notes", "param_names", "metric_set",
                                            "outcomes", "config_key", "predictions", "extracts", "parameters",
                                            "rset_info", "workflow")}
    return LastFit(**fields, fitted_workflow=fitted)
