"""Grid search and resampled fits (R: tune ``R/tune_grid.R``, ``R/resample.R``, ``R/checks.R``)."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError, PytidyWarning
from ._config import config_key
from ._evaluate import GridContext, resample_seed
from ._notes import NOTE_COLUMNS
from .control import ControlGrid, as_control_grid
from .results import ResampleResults, TuneResults

__all__ = ["tune_grid", "fit_resamples"]

_ = resample_seed  # re-exported: racing and the tests derive resample seeds with it

logger = logging.getLogger("pytidy.tune")

GRID_MSG = "`grid` should be a positive integer or a DataFrame of parameter values."


# -- argument checks ------------------------------------------------------------------------------
def as_workflow(object: Any, preprocessor: Any, owner: str) -> Any:
    """A Workflow from a workflow, or from a model spec plus a recipe or formula (R's methods)."""
    from ..parsnip.spec import ModelSpec
    from ..workflows.workflow import FittedWorkflow, Workflow, workflow

    if isinstance(object, FittedWorkflow):
        raise InvalidParameterError(
            f"{owner} is not well-defined for a fitted workflow; pass the unfitted workflow (fitted.workflow)."
        )
    if isinstance(object, Workflow):
        if preprocessor is not None:
            raise InvalidParameterError(
                f"{owner}: `preprocessor` is only used with a model specification; the workflow already has one."
            )
        return object
    if isinstance(object, ModelSpec):
        if preprocessor is None:
            raise InvalidParameterError(
                f"{owner} with a model specification needs `preprocessor=`, a recipe or a formula such as 'y ~ .'."
            )
        return workflow(preprocessor, object)
    raise InvalidParameterError(
        f"The first argument to {owner} should be a workflow or a model specification; got {type(object).__name__}."
    )


def check_resamples(resamples: Any, owner: str) -> None:
    from ..rsample import RSet

    if not isinstance(resamples, RSet):
        raise InvalidParameterError(
            f"`resamples` in {owner} must be an rset such as vfold_cv(train); got {type(resamples).__name__}."
        )
    if len(resamples) == 0:
        raise InvalidParameterError(f"`resamples` in {owner} has no resamples.")


def workflow_mode(wf: Any) -> str:
    spec = wf.extract_spec_parsnip()
    return spec.mode if spec.mode != "unknown" else spec._mode_or_only()


def check_metrics(metrics: Any, wf: Any, owner: str) -> Any:
    """The metric set to use: R's defaults by mode, or the given set checked against the mode."""
    from ..yardstick import accuracy, brier_class, metric_set, roc_auc, rmse, rsq
    from ..yardstick.metric_set import MetricSet

    mode = workflow_mode(wf)
    if metrics is None:
        if mode == "regression":
            return metric_set(rmse, rsq)
        return metric_set(roc_auc, accuracy, brier_class)
    if not isinstance(metrics, MetricSet):
        raise InvalidParameterError(
            f"`metrics` in {owner} must be made by metric_set(), e.g. metric_set(tm.rmse); "
            f"got {type(metrics).__name__}."
        )
    if mode == "regression" and metrics.kinds != {"numeric"}:
        raise InvalidParameterError(
            f'The model has mode "regression", but `metrics` in {owner} is a metric set for class and/or '
            "probability metrics. Use numeric metrics such as metric_set(tm.rmse, tm.rsq)."
        )
    if mode == "classification" and "numeric" in metrics.kinds:
        raise InvalidParameterError(
            f'The model has mode "classification", but `metrics` in {owner} is a metric set for regression '
            "metrics. Use class or probability metrics such as metric_set(tm.roc_auc, tm.accuracy)."
        )
    return metrics


def tuning_ids(wf: Any) -> tuple[list[str], list[str]]:
    """Ids of the tuned model parameters and of the tuned recipe parameters."""
    model_ids = [a["id"] for a in wf.spec.tune_args()] if wf.spec is not None else []
    recipe_ids = [r["id"] for r in wf.recipe.tunable()] if getattr(wf, "recipe", None) is not None else []
    return model_ids, recipe_ids


def _finalize_unknowns(pset: Any, resamples: Any, wf: Any = None) -> Any:
    """Finalize unknown ranges on the first analysis set's predictors (R: ``check_parameters``).

    The predictors are those the model sees after the recipe or formula, never the outcome.
    """
    has_unknowns = getattr(pset, "has_unknowns", None)
    unknown = has_unknowns() if callable(has_unknowns) else False
    if unknown and hasattr(pset, "finalize"):
        data = resamples[0].analysis()
        return pset.finalize(wf.mold_predictors(data) if wf is not None else data)
    return pset


def check_grid(grid: Any, wf: Any, pset: Any, resamples: Any, seed: Any, owner: str) -> pd.DataFrame | None:
    """The grid of candidates (None: nothing is tuned). R: ``.check_grid``."""
    model_ids, recipe_ids = tuning_ids(wf)
    ids = model_ids + recipe_ids
    if not ids:
        warnings.warn(
            "No tuning parameters have been detected, performance will be evaluated using the resamples with no "
            "tuning. Did you want to assign any parameters with a value of tune()?",
            PytidyWarning,
            stacklevel=3,
        )
        return None
    if isinstance(grid, pd.DataFrame):
        distinct = grid.drop_duplicates().reset_index(drop=True)
        if len(distinct) != len(grid):
            warnings.warn("Duplicate rows in grid of tuning combinations found and removed.", PytidyWarning,
                          stacklevel=3)
        extra = [c for c in distinct.columns if c not in ids]
        if extra:
            raise InvalidParameterError(
                f"The provided grid has {len(extra)} parameter column(s) ({', '.join(map(str, extra))}) that "
                "have not been marked for tuning by tune()."
            )
        missing = [i for i in ids if i not in distinct.columns]
        if missing:
            raise InvalidParameterError(
                f"The provided grid is missing the following {len(missing)} parameter column(s) that have been "
                f"marked for tuning by tune(): {', '.join(missing)}."
            )
        if len(distinct) == 0:
            raise InvalidParameterError(f"The grid given to {owner} has no rows.")
        return distinct.loc[:, ids]
    if isinstance(grid, bool) or not isinstance(grid, (int, np.integer)) or grid < 1:
        raise InvalidParameterError(f"{GRID_MSG} ({owner} got {grid!r}.)")
    if pset is None:
        pset = wf.parameters()
    pset = _finalize_unknowns(pset, resamples, wf)
    out = pset.grid_space_filling(size=int(grid), seed=seed).drop_duplicates().reset_index(drop=True)
    return out.loc[:, [c for c in ids if c in out.columns] + [c for c in out.columns if c not in ids]]


# -- the loop -------------------------------------------------------------------------------------
def _submodel_arg(wf: Any, model_ids: list[str], control: ControlGrid) -> dict[str, str]:
    """{parameter id: engine argument} of the one tuned argument the engine predicts many values of."""
    if not control.submodels or not model_ids or wf.spec is None:
        return {}
    from ..parsnip.registry import get_engine

    spec = wf.spec
    try:
        info = get_engine(spec.model, spec._engine_or_default(), spec._mode_or_only())
    except Exception:  # noqa: BLE001 - an unknown engine fails later, in the notes of each fit
        return {}
    for a in spec.tune_args():
        if a["name"] in info.multi_predict and a["id"] in model_ids:
            return {a["id"]: a["name"]}
    return {}


def _worker_setup(wf: Any, control: ControlGrid) -> Any:
    """What a worker process needs: the control's ``pkgs`` and the model and engine registrations."""
    from ..parsnip.registry import get_engine, get_model
    from ._parallel import WorkerSetup

    spec = wf.spec
    pkgs = tuple(control.pkgs or ())
    try:
        return WorkerSetup(get_model(spec.model), get_engine(spec.model, spec._engine_or_default(),
                                                            spec._mode_or_only()), pkgs)
    except Exception:  # noqa: BLE001 - reported by each fit
        return WorkerSetup(pkgs=pkgs)


def _run_fingerprint(ctx: GridContext, key: pd.DataFrame) -> dict[str, Any]:
    """What makes two runs the same run (for resuming from a checkpoint)."""
    return {
        "workflow": repr(ctx.wf), "columns": list(key.columns),
        "config_values": [[repr(v) for v in row] for row in key.itertuples(index=False, name=None)],
        "ids": ctx.id_rows, "in_id": [np.asarray(s.in_id).tolist() for s in ctx.splits],
        "n": [len(s.data) for s in ctx.splits], "metrics": [m.name for m in ctx.metrics.metrics],
        "seed": ctx.base_seed, "save_pred": ctx.save_pred, "event_level": ctx.event_level,
        "submodels": bool(ctx.submodel),
    }


def _tasks(todo: list[tuple[int, int]], over: str) -> list[tuple[int, list[int]]]:
    if over == "resamples":
        by_i: dict[int, list[int]] = {}
        for i, p in todo:
            by_i.setdefault(i, []).append(p)
        return list(by_i.items())
    return [(i, [p]) for i, p in todo]


def metric_case_weights(wf: Any, assessment: pd.DataFrame) -> np.ndarray | None:
    """The assessment rows' weights for the metrics: frequency weights only, never importance weights.

    R: tune's ``.use_case_weights_with_yardstick()`` is TRUE for frequency weights, FALSE for
    importance weights.
    """
    from ..case_weights import is_frequency_weights

    col = getattr(wf, "case_weights", None)
    if col is None or col not in assessment.columns or not is_frequency_weights(assessment[col]):
        return None
    return assessment[col].to_numpy(dtype=np.float64)


def _check_one_outcome(wf: Any, owner: str) -> None:
    """Resampling scores one outcome column (yardstick's ``truth``): refuse a formula or recipe with several.

    R's tune refuses them too (``.estimate_metrics``: "Multiple outcomes are not supported").
    """
    from ..parsnip._mold import _split_terms

    formula = getattr(wf, "formula", None)
    recipe = getattr(wf, "recipe", None)
    if recipe is not None:  # add_recipe() accepts only recipes
        outcomes = recipe.outcomes
    elif isinstance(formula, str) and "~" in formula:
        outcomes = [t for _, t in _split_terms(formula.split("~")[0])]
    else:
        return
    if len(outcomes) > 1:
        raise NotImplementedError(
            f"{owner} with several outcomes ({outcomes}) is not implemented: the metrics score one outcome "
            "column. Fit the multi-outcome model with fit() and score each outcome's predictions, or resample "
            "one model per outcome."
        )


def run_grid(wf: Any, resamples: Any, grid: pd.DataFrame | None, metrics: Any, control: ControlGrid, pset: Any,
             base_seed: int, owner: str, keep_fit: bool = False,
             labels: pd.DataFrame | None = None) -> tuple[TuneResults, Any]:
    """Fit every configuration of ``grid`` on every resample and score it (R: ``tune_grid_loop``).

    The loop order is R's ``pre*_mod*_post*``: per resample, each preprocessor configuration is
    prepped once and every model configuration is fitted on it (submodels share one fit). The
    tasks (resamples, or resamples x preprocessors) run on the backend ``control`` chooses and are
    put back in sequential order, so the results do not depend on the backend.

    Returns the results and, with ``keep_fit``, the last fitted workflow (used by last_fit).
    ``labels`` (parameters plus ``.config``) reuses the labels of a larger grid, as racing's
    ``restore_tune`` harmonises the stages with the burn-in.
    """
    from tqdm.auto import tqdm

    from ._checkpoint import Checkpoint
    from ._parallel import resolve_backend, run_tasks

    _check_one_outcome(wf, owner)

    model_ids, recipe_ids = tuning_ids(wf)
    params = model_ids + recipe_ids
    if labels is not None and grid is not None:
        key = labels.merge(grid.loc[:, params], on=params, how="inner").sort_values(".config", kind="stable")
        key = key.reset_index(drop=True)
    else:
        key = config_key(grid if grid is not None else pd.DataFrame(), model_ids, recipe_ids)
    mode = workflow_mode(wf)
    id_names = list(resamples.ids.columns)
    # the schedule: preprocessor combinations, then model combinations within each
    if recipe_ids:
        pre_groups = [g.reset_index(drop=True) for _, g in key.groupby(recipe_ids, sort=False)]
    else:
        pre_groups = [key]
    splits = list(resamples.splits)
    ctx = GridContext(
        wf=wf, splits=splits, id_rows=[tuple(str(v) for v in row) for row in resamples.ids.itertuples(index=False)],
        id_names=id_names, pre_groups=pre_groups, model_ids=model_ids, recipe_ids=recipe_ids, metrics=metrics,
        mode=mode, event_level=control.event_level, save_pred=control.save_pred, extract=control.extract,
        keep_fit=keep_fit, submodel=_submodel_arg(wf, model_ids, control), base_seed=base_seed,
    )
    checkpoint = Checkpoint(control.save_path, _run_fingerprint(ctx, key)) if control.save_path is not None else None

    parts: dict[tuple[int, int], dict] = {}
    todo: list[tuple[int, int]] = []
    for i in range(len(splits)):
        for p in range(len(pre_groups)):
            if checkpoint is not None and checkpoint.done(i, p):
                parts[(i, p)] = checkpoint.load(i, p)
            else:
                todo.append((i, p))
    over = control.parallel_over or ("resamples" if len(splits) > 1 else "everything")
    tasks = _tasks(todo, over)
    backend = resolve_backend(control, len(tasks))
    total = sum(len(pre_groups[p]) for _, p in todo)
    with tqdm(total=total, disable=not control.progress, desc=owner.rstrip("()"), unit="config") as bar:
        def on_done(done: list[dict]) -> None:
            for part in done:
                parts[(part["i"], part["p"])] = part
                if checkpoint is not None:
                    checkpoint.save(part)
                bar.update(part["n_configs"])

        run_tasks(ctx, tasks, control, backend, on_done, _worker_setup(wf, control))

    metric_rows, note_rows, pred_rows, extract_rows = [], [], [], []
    outcomes: list[str] = []
    last_fitted = None
    for i in range(len(splits)):
        id_cols = dict(zip(id_names, ctx.id_rows[i]))
        for p in range(len(pre_groups)):
            part = parts[(i, p)]
            metric_rows += part["metrics"]
            pred_rows += part["preds"]
            extract_rows += part["extracts"]
            note_rows += [{**id_cols, **n} for n in part["notes"]]
            outcomes += [o for o in part["outcomes"] if o not in outcomes]
            if part["fitted"] is not None:
                last_fitted = part["fitted"]

    m_cols = id_names + params + [".metric", ".estimator", ".estimate", ".config"]
    metric_values = (pd.concat(metric_rows, ignore_index=True).loc[:, m_cols] if metric_rows
                     else pd.DataFrame({c: [] for c in m_cols}))
    notes_frame = pd.DataFrame(note_rows, columns=id_names + NOTE_COLUMNS)
    predictions = None
    if control.save_pred:
        predictions = pd.concat(pred_rows, ignore_index=True) if pred_rows else pd.DataFrame()
    extracts = None
    if control.extract is not None:
        extracts = pd.DataFrame(extract_rows, columns=id_names + params + [".extracts", ".config"])
    if len(metric_values) == 0:
        warnings.warn("All models failed. Run collect_notes() on the results for more information.",
                      PytidyWarning, stacklevel=3)
    cls = ResampleResults if grid is None and not keep_fit else TuneResults
    res = cls(
        splits=splits, ids=resamples.ids.reset_index(drop=True), metric_values=metric_values,
        notes=notes_frame, param_names=params, metric_set=metrics, outcomes=outcomes, config_key=key,
        predictions=predictions, extracts=extracts, parameters=pset,
        rset_info={"kind": resamples.kind, "attrs": dict(resamples.attrs), "pretty": getattr(resamples, "pretty", "")},
        workflow=wf if control.save_workflow else None,
    )
    return res, last_fitted


def _plain(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _seeds(seed: SeedLike) -> tuple[int, int]:
    """Two child seeds from ``seed``: one for the grid, one base for the resample fits."""
    rng = as_rng(seed)
    a, b = rng.integers(0, 2**31 - 1, size=2)
    return int(a), int(b)


# -- public functions -----------------------------------------------------------------------------
def tune_grid(object: Any, resamples: Any, *, preprocessor: Any = None, grid: Any = 10, metrics: Any = None,
              param_info: Any = None, control: Any = None, seed: SeedLike = None) -> TuneResults:
    """Evaluate a grid of tuning parameter values over resamples (R: ``tune::tune_grid()``).

    Each configuration is fitted on each resample's analysis set, as
    ``wf.finalize_workflow(params).fit(analysis)`` would, and scored on the assessment set. The
    loop order is R's ``pre*_mod*_post*``: per resample, each recipe configuration is prepped
    once and every model configuration is fitted on it; configurations that differ only in an
    argument with an engine ``multi_predict`` (glmnet's ``penalty``) share one fit (R's
    submodels). ``control_grid()`` chooses workers (loky, Dask), a progress bar and a checkpoint
    directory. A failing fit or prediction does not stop the search: its error (and any warning)
    is recorded in the notes (``collect_notes()``), as R's catcher does.

    Parameters
    ----------
    object : Workflow or ModelSpec
        A workflow with ``tune()`` placeholders, or a model spec plus ``preprocessor``.
    resamples : RSet
        E.g. ``vfold_cv(train, v=5)``.
    preprocessor : Recipe or str, optional
        Only with a model spec: a recipe or a formula.
    grid : int or DataFrame, default 10
        A DataFrame with exactly one column per tuned id (duplicate rows are removed with a
        warning), or the number of candidates of a space-filling design made from the parameter
        set (``param_info`` or ``wf.parameters()``).
    metrics : MetricSet, optional
        Defaults as R: ``metric_set(rmse, rsq)`` for regression, ``metric_set(roc_auc, accuracy,
        brier_class)`` for classification.
    param_info : ParameterSet, optional
        Ranges for the parameters when ``grid`` is an integer.
    control : ControlGrid, optional
        From :func:`control_grid`.
    seed : int or numpy Generator, optional
        Seeds the grid and every fit (None: the generator ``tm.set_seed`` seeded); fits on one
        resample share a seed derived from this one and the resample id.

    Returns
    -------
    TuneResults
        ``.config`` labels are ``pre{i}_mod{j}_post0`` (tune >= 2.0), numbered by sorted
        parameter values.

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> df = pd.DataFrame({"x": range(30)}).assign(y=lambda d: 2.0 * d.x + (d.x % 3))
    >>> spec = tm.linear_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    >>> wf = tm.workflow().add_model(spec).add_formula("y ~ x")
    >>> folds = tm.vfold_cv(df, v=3, seed=1)
    >>> res = tune_grid(wf, folds, grid=pd.DataFrame({"penalty": [0.001, 1.0]}), seed=1)
    >>> res.collect_metrics()[[".metric", "n", ".config"]]
      .metric  n          .config
    0    rmse  3  pre0_mod1_post0
    1     rsq  3  pre0_mod1_post0
    2    rmse  3  pre0_mod2_post0
    3     rsq  3  pre0_mod2_post0
    >>> res.select_best("rmse")
       penalty          .config
    0    0.001  pre0_mod1_post0
    """
    owner = "tune_grid()"
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    control = as_control_grid(control, owner)
    metrics = check_metrics(metrics, wf, owner)
    grid_seed, base_seed = _seeds(seed)
    grid = check_grid(grid, wf, param_info, resamples, grid_seed, owner)
    res, _ = run_grid(wf, resamples, grid, metrics, control, param_info, base_seed, owner)
    return res


def fit_resamples(object: Any, resamples: Any, *, preprocessor: Any = None, metrics: Any = None,
                  control: Any = None, seed: SeedLike = None) -> TuneResults:
    """Fit one workflow on every resample and estimate its performance (R: ``tune::fit_resamples()``).

    The single configuration is labelled ``pre0_mod0_post0``.

    Examples
    --------
    >>> import pandas as pd
    >>> import pytidy as tm
    >>> df = pd.DataFrame({"x": range(20)}).assign(y=lambda d: 3.0 * d.x + (d.x % 4))
    >>> wf = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ x")
    >>> res = fit_resamples(wf, tm.vfold_cv(df, v=4, seed=2), seed=1)
    >>> res.collect_metrics()[[".metric", "n", ".config"]]
      .metric  n          .config
    0    rmse  4  pre0_mod0_post0
    1     rsq  4  pre0_mod0_post0
    """
    owner = "fit_resamples()"
    wf = as_workflow(object, preprocessor, owner)
    check_resamples(resamples, owner)
    check_no_tune(wf, owner)
    control = as_control_grid(control, owner)
    metrics = check_metrics(metrics, wf, owner)
    _, base_seed = _seeds(seed)
    res, _ = run_grid(wf, resamples, None, metrics, control, None, base_seed, owner)
    return res


def check_no_tune(wf: Any, owner: str) -> None:
    model_ids, recipe_ids = tuning_ids(wf)
    left = model_ids + recipe_ids
    if left:
        raise InvalidParameterError(
            f"{owner} needs a workflow without tune() placeholders; these are still to be tuned: "
            f"{', '.join(left)}. Choose values with finalize_workflow(), or search them with tune_grid()."
        )
