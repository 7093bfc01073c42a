"""Bayesian optimisation of tuning parameters (R: tune ``R/tune_bayes.R``)."""

from __future__ import annotations

import math
import time
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError, PytidyWarning
from ._gp import dissim_sample, encode_set, fit_gp, gp_predict
from ._search import anti_join, check_iter, evaluate, format_params, rule, say, search_pset, signif
from .acquisition import AcquisitionFunction, exp_improve
from .control_bayes import ControlBayes, control_bayes
from .iteration_results import IterationResults, as_iteration_results, stack_results
from .results import TuneResults
from .tune_grid import as_workflow, check_metrics, check_resamples, tuning_ids

__all__ = ["tune_bayes"]

N_CANDIDATES = 5000


def _mean_stats(res: IterationResults, metric: str) -> pd.DataFrame:
    stats = res.collect_metrics()
    return stats.loc[stats[".metric"] == metric].reset_index(drop=True)


def _check_initial_size(num_param: int, num_grid: int, race: bool) -> None:
    """R: ``check_bayes_initial_size``: 1 point is an error, fewer than p + 1 a warning."""
    s = "s" if num_param != 1 else ""
    msg = (f"There {'are' if num_param != 1 else 'is'} {num_param} tuning parameter{s} and {num_grid} grid "
           f"point{'s' if num_grid != 1 else ''} {'were' if num_grid != 1 else 'was'} requested.")
    race_msg = " With racing, only completely resampled parameters are used." if race else ""
    if num_grid <= 1:
        raise InvalidParameterError(
            f"{msg} The GP model requires 2+ initial points. For best performance, supply more initial points "
            f"than there are tuning parameters.{race_msg}"
        )
    if num_grid < num_param + 1:
        warnings.warn(f"{msg} This is likely to cause numerical issues in the first few search iterations."
                      f"{race_msg}", PytidyWarning, stacklevel=3)


def initial_results(initial: Any, wf: Any, resamples: Any, metrics: Any, pset: Any, control: Any,
                    grid_rng: np.random.Generator, fit_seed: int, ids: list[str], owner: str,
                    bayes: bool = True) -> IterationResults:
    """R: ``check_initial()``: a grid size or earlier results (``bayes``: the GP's size checks too)."""
    if isinstance(initial, (int, np.integer)) and not isinstance(initial, bool):
        if initial < 1:
            raise InvalidParameterError(
                f"`initial` in {owner} should be a positive integer or the results of tune_grid(); got {initial!r}."
            )
        if bayes:
            _check_initial_size(len(ids), int(initial), race=False)
        grid = pset.grid_space_filling(size=int(initial), seed=grid_rng).drop_duplicates()
        if getattr(control, "verbose", False):
            say("")
            say(f">  Generating a set of {len(grid)} initial parameter results")
        quiet = control.grid_control(verbose=False)  # R: grid_ctrl$verbose <- FALSE
        res = evaluate(wf, resamples, grid, metrics, quiet, pset, fit_seed)
        if control.verbose:
            say("✔ Initialization complete")
            say("")
        return as_iteration_results(res)
    if not isinstance(initial, TuneResults):
        raise InvalidParameterError(
            f"`initial` in {owner} should be a positive integer or the results of tune_grid(); "
            f"got {type(initial).__name__}."
        )
    if control.save_pred and initial.predictions is None:
        raise InvalidParameterError(
            "`save_pred` can only be used if the initial results saved predictions; rerun them with "
            "control_grid(save_pred=True)."
        )
    if control.extract is not None and initial.extracts is None:
        raise InvalidParameterError(
            "The `extract` function can only be used if the initial results have extractions; rerun them with "
            "control_grid(extract=fn)."
        )
    if sorted(initial.param_names) != sorted(ids):
        raise InvalidParameterError(
            f"The initial results tuned {list(initial.param_names)}, but the workflow tunes {ids}; pass results "
            "of the same workflow."
        )
    finished_configs = getattr(initial, "finished_configs", None)  # racing results (finetune's TuneRace)
    if callable(finished_configs):
        finished = finished_configs()
        keep = initial.metric_values[".config"].isin(finished)
        initial = TuneResults(**{f: getattr(initial, f) for f in _fields()} | {
            "metric_values": initial.metric_values.loc[keep].reset_index(drop=True),
            "predictions": None if initial.predictions is None else
            initial.predictions.loc[initial.predictions[".config"].isin(finished)].reset_index(drop=True),
            "config_key": initial.config_key.loc[initial.config_key[".config"].isin(finished)],
        })
        if bayes:
            _check_initial_size(len(ids), len(finished), race=True)
        return as_iteration_results(initial)
    if bayes:
        n_grid = len(initial.collect_metrics()[list(initial.param_names)].drop_duplicates())
        _check_initial_size(len(ids), n_grid, race=False)
    return as_iteration_results(initial)


def _fields() -> list[str]:
    import attrs

    return [f.name for f in attrs.fields(TuneResults)]


def _pick_candidate(cands: pd.DataFrame, uncertainty: float, control: ControlBayes,
                    rng: np.random.Generator) -> pd.DataFrame:
    """R: ``pick_candidate``: the best objective, or an uncertainty sample (top 10% by sd, one at random)."""
    bad_gp = cands[".mean"].isna().all()
    if not bad_gp and uncertainty < control.uncertain:
        return cands.iloc[[int(np.nanargmax(cands["objective"].to_numpy(dtype=float)))]]
    if control.verbose_iter:
        say("i Uncertainty sample")
    n_top = max(int(math.floor(0.1 * len(cands))), 1)
    order = np.argsort(-cands[".sd"].fillna(-np.inf).to_numpy(dtype=float), kind="stable")[:n_top]
    return cands.iloc[[int(rng.choice(order))]]


def tune_bayes(object: Any, resamples: Any, *, preprocessor: Any = None, iter: int = 10, param_info: Any = None,
               metrics: Any = None, objective: AcquisitionFunction | None = None, initial: Any = 5,
               control: ControlBayes | None = None, seed: SeedLike = None) -> IterationResults:
    """Bayesian optimisation of tuning parameters with a Gaussian process (R: ``tune::tune_bayes()``).

    Starting from ``initial`` results, each iteration fits a Gaussian process to the mean of the
    first metric over the parameters (dials-transformed, scaled to [0, 1] over their ranges;
    see :mod:`pytidy.tune._gp`), predicts 5000 Latin-hypercube candidates not yet evaluated,
    scores them with the acquisition function ``objective``, and resamples the best one with
    :func:`tune_grid`. When the GP is unreliable (leave-one-out R^2 under 10%) the candidate
    farthest from the evaluated points is used; after ``control.uncertain`` iterations without
    improvement an uncertainty sample is taken; after ``control.no_improve`` the search stops.

    Parameters
    ----------
    object : Workflow or ModelSpec
        With ``tune()`` placeholders; a model spec needs ``preprocessor``.
    resamples : RSet
    preprocessor : Recipe or str, optional
        Only with a model spec.
    iter : int, default 10
        The maximum number of search iterations.
    param_info : ParameterSet, optional
        The parameter ranges (default: the workflow's, unknown ranges finalized on the first
        analysis set).
    metrics : MetricSet, optional
        The first metric is optimised; defaults as :func:`tune_grid`.
    objective : AcquisitionFunction, optional
        :func:`exp_improve` (default), :func:`prob_improve` or :func:`conf_bound`.
    initial : int or TuneResults, default 5
        A number of space-filling points to evaluate first, or earlier results (tune_grid,
        racing, or a previous tune_bayes to continue; its ``.iter`` values are kept).
    control : ControlBayes, optional
        From :func:`control_bayes`.
    seed : int or numpy Generator, optional
        Seeds everything (overrides ``control.seed``); None: ``control.seed``, else the generator
        ``tm.set_seed`` seeded. Every candidate is fitted with the same per-resample seeds.

    Returns
    -------
    IterationResults
        ``collect_metrics()`` has an ``.iter`` column (0: initial results); the search's
        configurations are labelled ``iter1``, ``iter2``, ... (zero-padded, as R).

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=80)}).assign(y=lambda d: d.x + rng.normal(0, .5, 80))
    >>> wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet"))
    >>> wf = wf.add_formula("y ~ x")
    >>> res = tune_bayes(wf, tm.vfold_cv(df, v=3, seed=1), initial=3, iter=2, seed=1)
    >>> res.collect_metrics()[".iter"].unique().tolist()
    [0, 1, 2]
    >>> res.collect_metrics().loc[lambda d: d[".iter"] > 0, ".config"].unique().tolist()
    ['iter1', 'iter2']
    """
    owner = "tune_bayes()"
    start = time.monotonic()
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    iter = check_iter(iter, owner)
    if control is None:
        control = control_bayes()
    if not isinstance(control, ControlBayes):
        raise InvalidParameterError(f"`control` in {owner} must be made by control_bayes(); got {type(control).__name__}.")
    if objective is None:
        objective = exp_improve()
    if not isinstance(objective, AcquisitionFunction):
        raise InvalidParameterError(
            f"`objective` in {owner} must be an acquisition function: exp_improve(), prob_improve() or "
            f"conf_bound(); got {objective!r}. The metric optimised is the first one of `metrics`."
        )
    metrics = check_metrics(metrics, wf, owner)
    model_ids, recipe_ids = tuning_ids(wf)
    ids = model_ids + recipe_ids
    if not ids:
        raise InvalidParameterError(f"{owner} needs parameters marked with tune(); this workflow has none.")
    pset = search_pset(wf, param_info, resamples, ids, owner)
    opt = metrics.metrics[0]
    maximize = opt.direction == "maximize"
    base = as_rng(seed if seed is not None else control.seed)
    base_seed, fit_seed = (int(v) for v in base.integers(0, 2**31 - 1, size=2))

    res = initial_results(initial, wf, resamples, metrics, pset, control, np.random.default_rng([base_seed, 0]),
                           fit_seed, ids, owner)
    if len(res.metric_values) == 0 or res.metric_values[".estimate"].notna().sum() == 0:
        raise InvalidParameterError(
            "All models failed in the initial results; run collect_notes() on them to see why.")
    parts: list[tuple[TuneResults, int, str | None]] = [(res, 0, None)]
    stats = _mean_stats(res, opt.name).dropna(subset=["mean"])
    if len(stats) == 0:
        raise InvalidParameterError(f"The initial results have no non-missing values of {opt.name!r}.")
    best_row = stats.iloc[int(np.argmax(stats["mean"]) if maximize else np.argmin(stats["mean"]))]
    card: dict[str, Any] = {"best_val": float(best_row["mean"]), "best_iter": int(best_row[".iter"]), "last_impr": 0,
            "uncertainty": 0, "overall_iter": int(res.metric_values[".iter"].max())}
    last_iter = card["overall_iter"] + iter
    width = len(str(last_iter))
    if control.verbose_iter:
        say(f"Optimizing {opt.name} using {objective.label}")
    grid_ctrl = control.grid_control()
    gp_scoring: list[dict[str, Any]] = []
    stopped = False
    for i in range(card["overall_iter"] + 1, last_iter + 1):
        if control.verbose_iter:
            say("")
            say(rule(f"Iteration {i}"))
            say("")
            say(f"i Current best:\t\t{opt.name}={signif(card['best_val'], 4)} (@iter {card['best_iter']})")
        if _over_time(start, control):
            stopped = True
            break
        current = pd.concat([p.collect_metrics() for p, _, _ in parts[1:]] + [res.collect_metrics()],
                            ignore_index=True)
        current = current.loc[current[".metric"] == opt.name]
        gp_data = current.dropna(subset=["mean"])
        x_old = encode_set(gp_data, pset)
        if control.verbose_iter and len(gp_data) <= len(ids):
            say(f"! The Gaussian process model is being fit using {len(ids)} feature{'s' if len(ids) != 1 else ''} "
                f"but only has {len(gp_data)} data point{'s' if len(gp_data) != 1 else ''} to do so. This may cause "
                "errors or a poor model fit.")
        gp = fit_gp(x_old, gp_data["mean"].to_numpy(dtype=float), np.random.default_rng([base_seed, i, 1]))
        if control.verbose_iter:
            _log_gp(gp)
        cand_rng = np.random.default_rng([base_seed, i, 2])
        cands = pset.grid_space_filling(size=N_CANDIDATES, type="latin_hypercube", seed=cand_rng)
        cands = anti_join(cands.drop_duplicates(), current, ids)
        if len(cands) == 0:
            say("! No remaining candidate models; returning current results.")
            break
        if not gp.use:
            keep = dissim_sample(x_old, encode_set(cands, pset))
            cands = cands.iloc[[keep]].assign(**{".mean": np.nan, ".sd": np.nan})
            if control.verbose_iter:
                say("i Generating a candidate as far away from existing points as possible.")
        else:
            if control.verbose_iter:
                say(f"i Generating {len(cands)} candidates.")
            mean, sd = gp_predict(gp, encode_set(cands, pset))
            cands = cands.assign(**{".mean": mean, ".sd": sd})
        if control.verbose_iter and objective.kind == "conf_bound" and callable(objective.kappa):
            say(f"i Kappa value: {signif(objective.setting(i), 4)}")
        elif control.verbose_iter and objective.kind != "conf_bound" and callable(objective.trade_off):
            say(f"i Trade-off value: {signif(objective.setting(i), 4)}")
        if cands[".mean"].notna().all():
            cands["objective"] = objective.predict(cands, maximize=maximize, iter=i, best=card["best_val"])["objective"]
        else:
            cands["objective"] = np.nan
        if control.save_gp_scoring:
            gp_scoring.append({"iter": i, "gp": gp, "candidates": cands.copy()})
        pick = _pick_candidate(cands, card["uncertainty"], control, np.random.default_rng([base_seed, i, 3]))
        if card["uncertainty"] >= control.uncertain:
            card["uncertainty"] = -1
        if control.verbose_iter:
            say(f"i {format_params(pick.iloc[0], ids)}")
            say("i Estimating performance")
        new = evaluate(wf, resamples, pick.loc[:, ids], metrics, grid_ctrl, pset, fit_seed)
        new_stats = new.collect_metrics() if len(new.metric_values) else pd.DataFrame()
        value = np.nan
        if len(new_stats):
            value = new_stats.loc[new_stats[".metric"] == opt.name, "mean"]
            value = float(value.iloc[0]) if len(value) else np.nan
        if len(new.metric_values) == 0 or new.metric_values[".estimate"].notna().sum() == 0:
            if control.verbose_iter:
                say(f"✖ All models failed for: {format_params(pick.iloc[0], ids)}")
            card["last_impr"] += 1
        else:
            if control.verbose_iter:
                say("✔ Estimating performance")
            parts.append((new, i, f"iter{str(i).zfill(width)}"))
            better = (value > card["best_val"]) if maximize else (value < card["best_val"])
            if not np.isnan(value) and better:
                card.update(last_impr=0, best_val=value, best_iter=i, uncertainty=0)
            else:
                card["last_impr"] += 1
                card["uncertainty"] += 1
            if control.verbose_iter:
                _log_progress(new_stats, opt.name, value, i, card)
        if card["last_impr"] + 1 > control.no_improve:
            say(f"! No improvement for {control.no_improve} iterations; returning current results.")
            break
    if stopped:
        say("✖ Optimization stopped prematurely; returning current results.")
    out = stack_results(parts, parameters=pset, workflow=wf if control.save_workflow else None)
    if control.save_gp_scoring:
        import attrs

        out = attrs.evolve(out, history=pd.DataFrame(gp_scoring))
    return out


def _over_time(start: float, control: ControlBayes) -> bool:
    if control.time_limit is None:
        return False
    if time.monotonic() - start >= control.time_limit * 60:
        say(f"✖ The time limit of {control.time_limit:g} minute{'s' if control.time_limit != 1 else ''} has been "
            "reached.")
        return True
    return False


def _log_gp(gp: Any) -> None:
    if gp.error is not None:
        say(f"✖ GP failed: {gp.error}")
    elif gp.loo_rsq < 0.1:
        say(f"✖ GP has a LOO R² of {round(max(gp.loo_rsq, 0.0) * 100, 1):g}% and is unreliable.")
    elif not gp.use:
        say("✖ GP has a coverage rate < 10% and is unreliable.")
    if gp.use:
        say(f"✔ Gaussian process model (LOO R²: {round(gp.loo_rsq * 100, 1):g}%)")
    else:
        say("✔ Gaussian process model failed")


def _log_progress(new_stats: pd.DataFrame, metric: str, value: float, i: int, card: dict[str, Any]) -> None:
    """R: ``log_progress``: a heart when the newest result is the best so far."""
    se = new_stats.loc[new_stats[".metric"] == metric, "std_err"]
    se = float(se.iloc[0]) if len(se) else np.nan
    msg = f" Newest results:\t{metric}={signif(value, 4)}"
    if not np.isnan(se) and se > 0:
        msg += f" (+/-{signif(se, 3)})"
    symbol = "♥" if card["best_iter"] == i else "ⓧ"
    say(symbol + msg)
