"""Racing with ANOVA-based elimination (R: finetune ``R/tune_race_anova.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from ..tune.control import as_control_grid
from ..tune.tune_grid import as_workflow, check_grid, check_metrics, check_resamples, run_grid, tuning_ids
from ._race_loop import race
from ._racing import filter_parameters_anova, race_message
from .control_race import ControlRace, control_race
from .results import TuneRace

__all__ = ["tune_race_anova"]


def randomize_order(ids: pd.DataFrame, rng: np.random.Generator, repeated: bool) -> np.ndarray:
    """Positions of the resamples in race order (R: ``randomize_resamples``).

    Uniform keys sort the resamples; for repeated cross-validation they sort within each
    repeat, repeats in the order of their ids (R: ``group_by(id) |> arrange(.rand, .by_group = TRUE)``).

    Examples
    --------
    >>> ids = pd.DataFrame({"id": ["Repeat1"] * 3 + ["Repeat2"] * 3, "id2": ["Fold1", "Fold2", "Fold3"] * 2})
    >>> order = randomize_order(ids, np.random.default_rng(1), repeated=True)
    >>> sorted(order[:3].tolist()), sorted(order[3:].tolist())
    ([0, 1, 2], [3, 4, 5])
    """
    keys = rng.random(len(ids))
    if repeated:
        groups = ids["id"].astype(str).to_numpy()
        return np.lexsort((keys, groups))
    return np.argsort(keys, kind="stable")


def tune_race_anova(object: Any, resamples: Any, *, preprocessor: Any = None, grid: Any = 10, metrics: Any = None,
                    param_info: Any = None, control: ControlRace | None = None, seed: SeedLike = None) -> TuneRace:
    """Grid search that drops poor candidates early, by repeated-measures ANOVA (R: ``finetune::tune_race_anova()``).

    Every candidate is evaluated on the first ``burn_in`` resamples. Then, on the first metric of
    the set, a mixed model ``.estimate ~ .config + (1 | id)`` (REML; ``(1 | id2/id)`` once several
    repeats of repeated cross-validation are involved) compares each candidate with the current
    best, and a candidate whose two-sided ``1 - alpha`` interval of the difference lies entirely on
    the worse side is dropped. Survivors are evaluated on one more resample at a time; when one is
    left, it is evaluated on all the remaining resamples at once. Eliminated candidates are never
    refitted. After ``num_ties`` stages with exactly two survivors, the better mean wins.

    Parameters
    ----------
    object : Workflow or ModelSpec
        A workflow with ``tune()`` placeholders, or a model spec plus ``preprocessor``.
    resamples : RSet
        More resamples than ``control.burn_in``.
    grid, metrics, param_info, preprocessor
        As in :func:`tune_grid`.
    control : ControlRace, optional
        From :func:`control_race`.
    seed : int or numpy Generator, optional
        Seeds the resample order, the grid and the fits (None: the generator ``tm.set_seed`` seeded).

    Returns
    -------
    TuneRace
        One row per resample; ``collect_metrics()``, ``show_best()`` and ``select_best()`` use
        the configurations that finished the race unless ``all_configs=True``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=60)}).assign(y=lambda d: d.x + rng.normal(0, .3, 60))
    >>> spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    >>> wf = tm.workflow().add_model(spec).add_formula("y ~ x")
    >>> folds = tm.vfold_cv(df, v=6, seed=1)
    >>> grid = pd.DataFrame({"penalty": [0.001, 0.01, 0.5, 1.0]})
    >>> res = tune_race_anova(wf, folds, grid=grid, seed=2)
    >>> res.collect_metrics()[".config"].unique().tolist()
    ['pre0_mod1_post0', 'pre0_mod2_post0']
    >>> allc = res.collect_metrics(all_configs=True)
    >>> allc.loc[allc[".metric"] == "rmse", ["penalty", "n"]]
       penalty  n
    0    0.001  6
    2    0.010  6
    4    0.500  3
    6    1.000  3
    """
    owner = "tune_race_anova()"
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    if control is None:
        control = control_race()
    if not isinstance(control, ControlRace):
        raise InvalidParameterError(
            f"`control` in {owner} must be made by control_race(); got {type(control).__name__}."
        )
    model_ids, recipe_ids = tuning_ids(wf)
    params = model_ids + recipe_ids
    if not params:
        raise InvalidParameterError(
            f"{owner} needs parameters marked with tune(); this workflow has none. Use fit_resamples() to "
            "evaluate a single configuration."
        )
    grid_control = as_control_grid(control, owner)
    metrics = check_metrics(metrics, wf, owner)
    rng = as_rng(seed)
    B = len(resamples)
    repeated = "id2" in resamples.ids.columns and resamples.kind == "vfold_cv" and \
        resamples.attrs.get("repeats", 1) > 1
    order = randomize_order(resamples.ids, rng, repeated) if control.randomize else np.arange(B)
    grid_seed, base_seed = (int(v) for v in rng.integers(0, 2**31 - 1, size=2))
    resamples = resamples.subset(order)
    min_rs = control.burn_in
    if B <= min_rs:
        raise InvalidParameterError(
            f"The number of resamples ({B}) needs to be more than the number of burn-in resamples ({min_rs}) "
            "set by the control function control_race()."
        )
    if control.verbose_elim:
        race_message(f"Evaluating against the initial {min_rs} burn-in resamples.")
    grid = check_grid(grid, wf, param_info, resamples, grid_seed, owner)
    first, _ = run_grid(wf, resamples.subset(range(min_rs)), grid, metrics, grid_control, param_info,
                           base_seed, owner)
    key = first.config_key
    nested = repeated

    def filter_fn(values: pd.DataFrame, maximize: bool, id_names: list[str]) -> pd.DataFrame:
        return filter_parameters_anova(values, key, control.alpha, maximize, id_names, nested)

    def run_stage(positions: list[int], new_grid: pd.DataFrame) -> Any:
        stage, _ = run_grid(wf, resamples.subset(positions), new_grid, metrics, grid_control, param_info, base_seed,
                            owner, labels=key)
        return stage

    return race(first, key, params, resamples, metrics, control, param_info, filter_fn, run_stage)
