"""Simulated annealing search of tuning parameters (R: finetune ``R/tune_sim_anneal.R``)."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..dials import QualParam, encode_unit, value_transform
from ..errors import InvalidParameterError
from ..tune._search import check_iter, evaluate, say, search_pset, signif
from ..tune.iteration_results import IterationResults, stack_results
from ..tune.results import TuneResults
from ..tune.tune_bayes import initial_results
from ..tune.tune_grid import as_workflow, check_metrics, check_resamples, tuning_ids
from ._sim_anneal import format_event, new_in_neighborhood, sa_decide
from .control_sim_anneal import ControlSimAnneal, control_sim_anneal

__all__ = ["tune_sim_anneal"]


def _prefixed(res: IterationResults, prefix: str) -> IterationResults:
    """R: ``update_config(prefix = "initial")``: ``initial_<config>`` everywhere."""
    import attrs

    def pre(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        if frame is None or ".config" not in frame.columns:
            return frame
        return frame.assign(**{".config": prefix + "_" + frame[".config"].astype(str)})

    return attrs.evolve(res, metric_values=pre(res.metric_values), predictions=pre(res.predictions),
                        extracts=pre(res.extracts), config_key=pre(res.config_key))


def _check_initial_range(res: IterationResults, pset: Any) -> None:
    """R: ``check_backwards_encode``: initial values must lie inside ``param_info``'s ranges."""
    for pid, obj in zip(pset.ids, pset.objects):
        vals = res.metric_values[pid]
        if isinstance(obj, QualParam):
            bad = sorted({str(v) for v in vals if v not in obj.values})
        else:
            unit = np.asarray(encode_unit(obj, value_transform(obj, vals.to_numpy(dtype=float)), "forward"))
            bad = unit[(unit < -1e-8) | (unit > 1 + 1e-8)].tolist()
        if bad:
            raise InvalidParameterError(
                f"The range for parameter {pid!r} used when generating initial results isn't compatible with the "
                "range supplied in `param_info`. Possible values of parameters in `param_info` should encompass "
                "all values evaluated in the initial grid."
            )


def _summary_row(res: TuneResults, metric: str) -> dict[str, float]:
    if len(res.metric_values) == 0:
        return {"mean": np.nan, "n": 0, "std_err": np.nan}
    s = res.collect_metrics()
    s = s.loc[s[".metric"] == metric]
    if len(s) == 0:
        return {"mean": np.nan, "n": 0, "std_err": np.nan}
    return {"mean": float(s["mean"].iloc[0]), "n": int(s["n"].iloc[0]), "std_err": float(s["std_err"].iloc[0])}


def _log(history: pd.DataFrame, metric: str, max_iter: int, maximize: bool) -> None:
    """R: ``log_sa_progress``."""
    if (history["results"] == "initial").all():
        init = history["mean"]
        best = np.nanmax(init) if maximize else np.nanmin(init)
        say(f"Initial best: {float(signif(best, 5)):.5f}")
        return
    row = history.iloc[-1]
    msg = f"{metric}={signif(row['mean'], 5)}"
    if not np.isnan(row["std_err"]) and row["std_err"] > 0:
        msg += f"\t(+/-{signif(row['std_err'], 4)})"
    width = len(str(max_iter))
    say(f"{str(int(row['.iter'])).rjust(width)} {format_event(row['results'])} {msg}")


def tune_sim_anneal(object: Any, resamples: Any, *, preprocessor: Any = None, iter: int = 10,
                    param_info: Any = None, metrics: Any = None, initial: Any = 1,
                    control: ControlSimAnneal | None = None, seed: SeedLike = None) -> IterationResults:
    """Simulated annealing over tuning parameters (R: ``finetune::tune_sim_anneal()``).

    From the best initial configuration, each iteration resamples one random neighbour of the
    current configuration (see :mod:`pytidy.finetune._sim_anneal`). A neighbour that beats every
    earlier result is the "new best"; one that beats its parent is a "better suboptimal"; a
    worse one is accepted with probability ``exp(pct_loss * cooling_coef * iter)`` ("accept
    suboptimal") or discarded. Accepted results become the current configuration; after
    ``control.restart`` iterations without a new best the search restarts from the global best;
    after ``control.no_improve`` it stops.

    Parameters
    ----------
    object : Workflow or ModelSpec
    resamples : RSet
    preprocessor : Recipe or str, optional
        Only with a model spec.
    iter : int, default 10
        Number of search iterations.
    param_info : ParameterSet, optional
        Parameter ranges (default: the workflow's, unknown ranges finalized on the first analysis set).
    metrics : MetricSet, optional
        The first metric drives the search.
    initial : int or TuneResults, default 1
        A number of space-filling points to evaluate first, or earlier results (tune_grid,
        racing, or a previous search to continue; their ``.config`` values get the prefix
        ``initial_``, as R).
    control : ControlSimAnneal, optional
        From :func:`control_sim_anneal`.
    seed : int or numpy Generator, optional
        Seeds the initial design, the neighbours, the acceptance draws and the fits.

    Returns
    -------
    IterationResults
        ``.config`` is ``initial_<config>`` for the initial results and ``Iter<i>`` for
        iteration ``i``; ``res.history`` holds the decisions with ``control_sim_anneal(save_history=True)``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=60)}).assign(y=lambda d: d.x + rng.normal(0, .5, 60))
    >>> wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet"))
    >>> wf = wf.add_formula("y ~ x")
    >>> ctrl = tm.control_sim_anneal(verbose_iter=False)
    >>> res = tune_sim_anneal(wf, tm.vfold_cv(df, v=3, seed=1), iter=2, control=ctrl, seed=1)
    >>> res.collect_metrics().loc[lambda d: d[".metric"] == "rmse", [".config", ".iter"]]
                   .config  .iter
    0  initial_pre0_mod1_post0      0
    2                    Iter1      1
    4                    Iter2      2
    """
    owner = "tune_sim_anneal()"
    start = time.monotonic()
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    iter = check_iter(iter, owner)
    if control is None:
        control = control_sim_anneal()
    if not isinstance(control, ControlSimAnneal):
        raise InvalidParameterError(
            f"`control` in {owner} must be made by control_sim_anneal(); got {type(control).__name__}.")
    metrics = check_metrics(metrics, wf, owner)
    model_ids, recipe_ids = tuning_ids(wf)
    ids = model_ids + recipe_ids
    if not ids:
        raise InvalidParameterError(f"{owner} needs parameters marked with tune(); this workflow has none.")
    pset = search_pset(wf, param_info, resamples, ids, owner)
    opt = metrics.metrics[0]
    maximize = opt.direction == "maximize"
    base = as_rng(seed)
    base_seed, fit_seed = (int(v) for v in base.integers(0, 2**31 - 1, size=2))
    grid_ctrl = control.grid_control()

    res0 = initial_results(initial, wf, resamples, metrics, pset, control, np.random.default_rng([base_seed, 0]),
                           fit_seed, ids, owner, bayes=False)
    if len(res0.metric_values) == 0 or res0.metric_values[".estimate"].notna().sum() == 0:
        raise InvalidParameterError("All models failed in the initial results; run collect_notes() on them.")
    _check_initial_range(res0, pset)
    res0 = _prefixed(res0, "initial")
    existing = int(res0.metric_values[".iter"].max())
    last_iter = existing + iter
    if existing > 0 and control.verbose_iter:
        say(f"There were {existing} previous iterations")
    if control.verbose_iter:
        say(f"Optimizing {opt.name}")

    summary = res0.collect_metrics()
    history = summary.loc[summary[".metric"] == opt.name, ids + ["mean", "n", "std_err", ".config", ".iter"]]
    history = history.reset_index(drop=True).assign(random=np.nan, accept=np.nan, results="initial", **{".parent": None})
    hist_ok = history.dropna(subset=["mean"])
    order = np.argsort(-hist_ok["mean"].to_numpy() if maximize else hist_ok["mean"].to_numpy(), kind="stable")
    best = hist_ok.iloc[[int(order[0])]]
    current = best.loc[:, ids].reset_index(drop=True)
    parent = str(best[".config"].iloc[0])
    global_param, global_parent = current, parent
    grid_history = current.copy()
    history["global_best"] = history[".config"] == parent
    if control.verbose_iter:
        _log(history, opt.name, last_iter, maximize)

    parts: list[tuple[TuneResults, int, str | None]] = [(res0, 0, None)]
    count_improve = count_restart = 0
    stopped = False
    for i in range(existing + 1, last_iter + 1):
        if control.time_limit is not None and time.monotonic() - start >= control.time_limit * 60:
            stopped = True
            break
        rng = np.random.default_rng([base_seed, i])
        new_grid = new_in_neighborhood(current, grid_history, pset, control.radius, control.flip, rng)
        grid_history = pd.concat([grid_history, new_grid], ignore_index=True)
        res = evaluate(wf, resamples, new_grid, metrics, grid_ctrl, pset, fit_seed)
        config = f"Iter{i}"
        if len(res.metric_values):
            parts.append((res, i, config))
        row = {**{k: new_grid[k].iloc[0] for k in ids}, **_summary_row(res, opt.name), ".config": config,
               ".iter": i, "random": float(rng.uniform()), "accept": np.nan, "results": None, ".parent": parent}
        history = pd.concat([history, pd.DataFrame([row])], ignore_index=True)
        means = history["mean"].to_numpy(dtype=float)
        history["global_best"] = False
        if np.isfinite(means).any():
            history.loc[int(np.nanargmax(means) if maximize else np.nanargmin(means)), "global_best"] = True
        history = sa_decide(history, parent=parent, maximize=maximize, coef=control.cooling_coef)
        event = history["results"].iloc[-1]
        if event == "new best":
            global_param, global_parent = new_grid, config
            current, parent = new_grid, config
            count_restart = count_improve = 0
        elif event == "better suboptimal":
            current, parent = new_grid, config
            count_improve = 0
            count_restart += 1
        elif event == "accept suboptimal":
            current, parent = new_grid, config
            count_improve += 1
            count_restart += 1
        else:
            count_improve += 1
            count_restart += 1
        if count_restart >= control.restart:
            history.loc[history.index[-1], "results"] = "restart from best"
            current, parent = global_param, global_parent
            count_restart = 0
        if control.verbose_iter:
            _log(history, opt.name, last_iter, maximize)
        if count_improve >= control.no_improve:
            say(f"Stopping; no best in {control.no_improve} iterations.")
            break
    if stopped:
        say(f"✖ The time limit of {control.time_limit:g} minutes has been reached.")
        say("✖ Optimization stopped prematurely; returning current results.")
    return stack_results(parts, parameters=pset, history=history if control.save_history else None,
                         workflow=wf if control.save_workflow else None)
