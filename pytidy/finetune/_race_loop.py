"""The racing loop both races share (R: the bodies of finetune's ``tune_race_anova`` and
``tune_race_win_loss``, which differ only in the filter and in how a stage is resampled).

After the burn-in stage, the survivors of ``filter_fn`` are evaluated on one more resample at a
time; a single survivor gets all remaining resamples at once. After ``num_ties`` stages with two
close survivors, the better mean wins (R's ``tie_breaker``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pandas as pd

from ..tune.results import TuneResults
from ._racing import log_racing, race_message, tie_breaker
from .results import TuneRace

__all__ = ["race"]

FilterFn = Callable[[pd.DataFrame, bool, list[str]], pd.DataFrame]
StageFn = Callable[[list[int], pd.DataFrame], TuneResults]


def race(first: TuneResults, key: pd.DataFrame, params: list[str], resamples: Any, metrics: Any, control: Any,
         param_info: Any, filter_fn: FilterFn, run_stage: StageFn, n_grid: int | None = None) -> TuneRace:
    """Race the candidates of the burn-in results ``first`` over the remaining resamples.

    Parameters
    ----------
    first : TuneResults
        Every candidate on the first ``control.burn_in`` resamples of ``resamples``.
    key : DataFrame
        The candidates' parameters and ``.config`` labels (later stages keep these labels).
    params : list of str
        The tuned parameters' ids.
    resamples : RSet
        Already in racing order.
    metrics : MetricSet
        The first metric is raced on.
    control : ControlRace
    param_info : ParameterSet or None
        Stored in the results.
    filter_fn : callable
        ``filter_fn(values, maximize, id_names)``: the candidates with a ``pass`` column, from the
        raced metric's values so far (``id`` columns, ``.config``, ``.estimate``).
    run_stage : callable
        ``run_stage(positions, grid)``: the results of ``grid`` on those resample positions,
        labelled with ``key``'s ``.config``.
    n_grid : int, optional
        The number of candidates reported by the verbose log (default: the first filter's rows).
    """
    min_rs = control.burn_in
    stages: list[TuneResults] = [first]
    orders = list(range(1, min_rs + 1))
    metric = metrics.metrics[0]
    maximize = metric.direction == "maximize"
    if control.verbose_elim:
        race_message(f"Racing will {metric.direction} the {metric.name} metric.")
        if control.randomize:
            race_message("Resamples are analyzed in a random order.")
    id_names = list(resamples.ids.columns)

    def race_values() -> pd.DataFrame:
        vals = pd.concat([s.metric_values for s in stages], ignore_index=True)
        return vals.loc[vals[".metric"] == metric.name, id_names + [".config", ".estimate"]]

    def last_label() -> str:
        return ", ".join(reversed([str(v) for v in stages[-1].ids.iloc[-1]]))

    filters = filter_fn(race_values(), maximize, id_names)
    n_grid = len(filters) if n_grid is None else n_grid
    log_final = True
    num_ties = 0
    for rs in range(min_rs, len(resamples)):
        if int(filters["pass"].sum()) == 2:
            num_ties += 1
        new_grid = filters.loc[filters["pass"], params].reset_index(drop=True)
        if len(new_grid) > 1:
            positions = [rs]
            if control.verbose_elim:
                log_racing(filters, last_label(), n_grid)
        else:
            positions = list(range(rs, len(resamples)))
            if log_final and control.verbose_elim:
                log_racing(filters, last_label(), n_grid)
            log_final = False
        stages.append(run_stage(positions, new_grid))
        orders += [p + 1 for p in positions]
        if len(new_grid) <= 1:
            break
        filters = filter_fn(race_values(), maximize, id_names)
        if int(filters["pass"].sum()) == 2 and num_ties >= control.num_ties:
            vals = race_values()
            g = vals.assign(_e=vals[".estimate"].astype(float)).groupby(".config", sort=True)["_e"]
            summary = pd.DataFrame({"mean": g.mean(), "n": g.count()}).reset_index()
            filters = tie_breaker(summary, key, maximize, control.verbose_elim)
    return _stacked(first, stages, key, metrics, param_info, orders, metric.name)


def _stack(parts: list[TuneResults], attr: str) -> pd.DataFrame | None:
    frames = [getattr(p, attr) for p in parts]
    if all(f is None for f in frames):
        return None
    frames = [f for f in frames if f is not None and len(f.columns)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _stacked(first: TuneResults, stages: list[TuneResults], key: pd.DataFrame, metrics: Any, param_info: Any,
             orders: list[int], race_metric: str) -> TuneRace:
    """One TuneRace of all stages: the burn-in's fields, every stage's rows."""
    base = {f.name: getattr(first, f.name) for f in attrs.fields(TuneResults)}
    base.update(
        splits=[s for st in stages for s in st.splits],
        ids=pd.concat([st.ids for st in stages], ignore_index=True),
        metric_values=pd.concat([st.metric_values for st in stages], ignore_index=True),
        notes=pd.concat([st.notes for st in stages], ignore_index=True),
        metric_set=metrics, config_key=key, predictions=_stack(stages, "predictions"),
        extracts=_stack(stages, "extracts"), parameters=param_info,
        outcomes=first.outcomes or stages[-1].outcomes,
    )
    return TuneRace(**base, order=orders, race_metric=race_metric)
