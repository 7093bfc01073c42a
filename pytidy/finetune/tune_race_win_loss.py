"""Racing with win/loss statistics (R: finetune ``R/tune_race_win_loss.R``)."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from ..tune.control import as_control_grid
from ..tune.results import TuneResults
from ..tune.tune_grid import as_workflow, check_metrics, check_resamples, tune_grid, tuning_ids
from ._race_loop import race
from ._win_loss import filter_parameters_bt
from .control_race import ControlRace, control_race
from .results import TuneRace
from .tune_race_anova import randomize_order

__all__ = ["tune_race_win_loss"]


def _relabel(res: TuneResults, key: pd.DataFrame, params: list[str]) -> TuneResults:
    """Give a later stage the ``.config`` labels of the burn-in grid (R: ``harmonize_configs``)."""
    def fix(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        if frame is None or len(frame) == 0 or ".config" not in frame.columns:
            return frame
        cols = list(frame.columns)
        out = frame.drop(columns=".config").merge(key, on=params, how="left")
        return out.loc[:, cols]

    return attrs.evolve(res, metric_values=fix(res.metric_values), predictions=fix(res.predictions),
                        extracts=fix(res.extracts))


def tune_race_win_loss(object: Any, resamples: Any, *, preprocessor: Any = None, grid: Any = 10,
                       metrics: Any = None, param_info: Any = None, control: ControlRace | None = None,
                       seed: SeedLike = None) -> TuneRace:
    """Grid search that drops candidates losing too many head-to-head games (R: ``finetune::tune_race_win_loss()``).

    Every candidate is evaluated on the first ``control.burn_in`` resamples (in random order
    unless ``randomize=False``). Then, on the first metric, every pair of candidates plays one
    game per resample, a Bradley-Terry model of the wins is fitted with the candidate with most
    wins as reference, and candidates whose one-sided ``1 - alpha`` upper bound of the ability
    difference (t quantile with 1 df, as finetune) is not above 0 are dropped; so are candidates
    with a constant metric or no wins (see :mod:`pytidy.finetune._win_loss`). Survivors are
    evaluated on one more resample at a time; a single survivor gets all remaining resamples.
    After ``num_ties`` stages with two survivors, the better mean wins.

    Candidates are resampled with the public :func:`pytidy.tune_grid`; later stages keep the
    ``.config`` labels of the burn-in grid.

    Parameters
    ----------
    object : Workflow or ModelSpec
    resamples : RSet
        More resamples than ``control.burn_in``.
    grid, metrics, param_info, preprocessor
        As in :func:`pytidy.tune_grid`.
    control : ControlRace, optional
        From :func:`control_race` (``burn_in``, ``num_ties``, ``alpha``, ``randomize``, ``verbose_elim``, ...).
    seed : int or numpy Generator, optional
        Seeds the resample order, the grid and the fits.

    Returns
    -------
    TuneRace

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=60)}).assign(y=lambda d: d.x + rng.normal(0, .3, 60))
    >>> wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet"))
    >>> wf = wf.add_formula("y ~ x")
    >>> grid = pd.DataFrame({"penalty": [0.001, 0.01, 0.5, 1.0]})
    >>> res = tune_race_win_loss(wf, tm.vfold_cv(df, v=8, seed=1), grid=grid, seed=2)
    >>> allc = res.collect_metrics(all_configs=True)
    >>> int(allc["n"].max()), int(allc.loc[allc["penalty"] == 1.0, "n"].iloc[0])
    (8, 3)
    """
    owner = "tune_race_win_loss()"
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    if control is None:
        control = control_race()
    if not isinstance(control, ControlRace):
        raise InvalidParameterError(
            f"`control` in {owner} must be made by control_race(); got {type(control).__name__}.")
    model_ids, recipe_ids = tuning_ids(wf)
    params = model_ids + recipe_ids
    if not params:
        raise InvalidParameterError(
            f"{owner} needs parameters marked with tune(); this workflow has none. Use fit_resamples() to "
            "evaluate a single configuration.")
    metrics = check_metrics(metrics, wf, owner)
    grid_ctrl = as_control_grid(control, owner)  # the race's run options too (backend, n_jobs, threads, ...)
    rng = as_rng(seed)
    B = len(resamples)
    repeated = "id2" in resamples.ids.columns and resamples.kind == "vfold_cv" and \
        resamples.attrs.get("repeats", 1) > 1
    order = randomize_order(resamples.ids, rng, repeated) if control.randomize else np.arange(B)
    fit_seed = int(rng.integers(0, 2**31 - 1))
    resamples = resamples.subset(order)
    min_rs = control.burn_in
    if B <= min_rs:
        raise InvalidParameterError(
            f"The number of resamples ({B}) needs to be more than the number of burn-in resamples ({min_rs}) "
            "set by the control function control_race().")
    first = tune_grid(wf, resamples.subset(range(min_rs)), grid=grid, metrics=metrics, param_info=param_info,
                      control=grid_ctrl, seed=fit_seed)
    key = first.config_key.loc[:, params + [".config"]]

    def filter_fn(values: pd.DataFrame, maximize: bool, id_names: list[str]) -> pd.DataFrame:
        return filter_parameters_bt(values, key, control.alpha, maximize, id_names)

    def run_stage(positions: list[int], new_grid: pd.DataFrame) -> TuneResults:
        stage = tune_grid(wf, resamples.subset(positions), grid=new_grid, metrics=metrics, param_info=param_info,
                          control=grid_ctrl, seed=fit_seed)
        return _relabel(stage, key, params)

    return race(first, key, params, resamples, metrics, control, param_info, filter_fn, run_stage, n_grid=len(key))
