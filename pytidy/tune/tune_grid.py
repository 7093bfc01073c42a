"""Grid search and resampled fits (R: tune ``R/tune_grid.R``, ``R/resample.R``, ``R/checks.R``)."""

from __future__ import annotations

import logging
import warnings
import zlib
from typing import Any

import numpy as np
import pandas as pd

from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError, PytidyWarning
from ._config import config_key
from ._notes import NOTE_COLUMNS, catch
from .control import ControlGrid, as_control_grid
from .results import TuneResults

__all__ = ["tune_grid", "fit_resamples"]

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


def resample_seed(base: int, id_values: tuple[str, ...]) -> int:
    """The seed of every fit on one resample: a function of the call's seed and the resample id.

    All configurations of a resample share it (common random numbers), and a resample keeps
    its seed across the stages of a race.
    """
    words = [base & 0xFFFFFFFF] + [zlib.crc32(str(v).encode()) for v in id_values]
    return int(np.random.SeedSequence(words).generate_state(1)[0] & 0x7FFFFFFF)


# -- the loop -------------------------------------------------------------------------------------
def _predict(fitted: Any, assessment: pd.DataFrame, metrics: Any, mode: str) -> tuple[pd.DataFrame, str]:
    """Held-out predictions plus the observed outcome (processed by the recipe, as R's forge does)."""
    outcome = fitted.outcome
    prepped = getattr(fitted, "prepped", None)
    if prepped is not None:
        baked = prepped.bake(assessment)
        truth = baked[outcome] if outcome in baked.columns else assessment[outcome]

        def pred(t: str) -> pd.DataFrame:
            return fitted.model_fit.predict(baked, type=t)
    else:
        if outcome not in assessment.columns:
            raise InvalidParameterError(f"The assessment data lack the outcome column {outcome!r}.")
        truth = assessment[outcome]

        def pred(t: str) -> pd.DataFrame:
            return fitted.predict(assessment, type=t)

    if mode == "regression":
        types = ["numeric"]
    else:
        types = [t for t in ("class", "prob") if t in metrics.kinds]
    frames = [pred(t).reset_index(drop=True) for t in types]
    out = pd.concat(frames, axis=1) if frames else pd.DataFrame(index=range(len(assessment)))
    out[outcome] = truth.reset_index(drop=True)
    return out, outcome


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


def _score(preds: pd.DataFrame, outcome: str, lvl: Any, metrics: Any, event_level: str,
           case_weights: Any = None) -> pd.DataFrame:
    if case_weights is not None and len(case_weights) != len(preds):
        raise InvalidParameterError(
            f"The assessment set has {len(case_weights)} case weights but {len(preds)} predictions; a recipe step "
            "that drops rows at bake() cannot be combined with frequency weights in the metrics."
        )
    if metrics.kinds == {"numeric"}:
        return metrics(preds, outcome, estimate=".pred", case_weights=case_weights)
    args: list[str] = []
    if "prob" in metrics.kinds:
        cols = [f".pred_{level}" for level in lvl]
        if len(cols) == 2:
            cols = [cols[0] if event_level == "first" else cols[1]]
        args = cols
    estimate = ".pred_class" if "class" in metrics.kinds else None
    return metrics(preds, outcome, *args, estimate=estimate, event_level=event_level, case_weights=case_weights)


def run_grid(wf: Any, resamples: Any, grid: pd.DataFrame | None, metrics: Any, control: ControlGrid, pset: Any,
             base_seed: int, owner: str, keep_fit: bool = False,
             labels: pd.DataFrame | None = None) -> tuple[TuneResults, Any]:
    """Fit every configuration of ``grid`` on every resample and score it (R: ``tune_grid_loop``).

    Returns the results and, with ``keep_fit``, the last fitted workflow (used by last_fit).
    ``labels`` (parameters plus ``.config``) reuses the labels of a larger grid, as racing's
    ``restore_tune`` harmonises the stages with the burn-in.
    """
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
        pre_groups = [g for _, g in key.groupby(recipe_ids, sort=False)]
    else:
        pre_groups = [key]

    metric_rows, note_rows, pred_rows, extract_rows = [], [], [], []
    outcomes: list[str] = []
    last_fitted = None
    for i, split in enumerate(resamples.splits):
        id_values = tuple(str(v) for v in resamples.ids.iloc[i])
        label = ", ".join(reversed(id_values))
        id_cols = dict(zip(id_names, id_values))
        seed_i = resample_seed(base_seed, id_values)
        notes: list[dict[str, str]] = []
        ok, data = catch(lambda s=split: (s.analysis(), s.assessment()), "internal", notes, label)
        if ok:
            analysis, assessment = data
            rows = _assessment_positions(split)
            cw = metric_case_weights(wf, assessment)
            for p, pre in enumerate(pre_groups):
                for m in range(len(pre)):
                    row = pre.iloc[m]
                    values = {k: _plain(row[k]) for k in params}
                    config = row[".config"]
                    loc = f"preprocessor {p + 1}/{len(pre_groups)}, model {m + 1}/{len(pre)}"
                    if control.verbose:
                        print(f"i {label}: {loc}")
                    ok, fitted = catch(lambda v=values: wf.finalize_workflow(v).fit(analysis, seed=seed_i),
                                       loc, notes, label)
                    if not ok:
                        continue
                    if keep_fit:
                        last_fitted = fitted
                    if control.extract is not None:
                        ok_x, extracted = catch(lambda f=fitted: control.extract(f), f"{loc} (extracts)", notes,
                                                label)
                        if ok_x:
                            extract_rows.append({**id_cols, **values, ".extracts": extracted, ".config": config})
                    ok, pr = catch(lambda f=fitted: _predict(f, assessment, metrics, mode), f"{loc} (predictions)",
                                   notes, label)
                    if not ok:
                        continue
                    preds, outcome = pr
                    if outcome not in outcomes:
                        outcomes.append(outcome)
                    ok, scored = catch(
                        lambda f=fitted, pp=preds, o=outcome: _score(pp, o, f.lvl, metrics, control.event_level, cw),
                        f"{loc} (metrics)", notes, label)
                    if ok:
                        scored = scored.assign(**{k: v for k, v in values.items()}, **{".config": config})
                        for c, v in id_cols.items():
                            scored[c] = v
                        metric_rows.append(scored)
                    if control.save_pred:
                        pr_frame = preds.copy()
                        pr_frame.insert(0, ".row", rows)
                        pred_cols = [c for c in pr_frame.columns if c.startswith(".pred")]
                        for c, v in id_cols.items():
                            pr_frame[c] = v
                        for k, v in values.items():
                            pr_frame[k] = v
                        pr_frame[".config"] = config
                        pred_rows.append(pr_frame.loc[:, id_names + pred_cols + [".row", outcome] + params
                                                      + [".config"]])
        for n in notes:
            note_rows.append({**id_cols, **n})

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
    res = TuneResults(
        splits=list(resamples.splits), ids=resamples.ids.reset_index(drop=True), metric_values=metric_values,
        notes=notes_frame, param_names=params, metric_set=metrics, outcomes=outcomes, config_key=key,
        predictions=predictions, extracts=extracts, parameters=pset,
        rset_info={"kind": resamples.kind, "attrs": dict(resamples.attrs), "pretty": getattr(resamples, "pretty", "")},
        workflow=wf if control.save_workflow else None,
    )
    return res, last_fitted


def _assessment_positions(split: Any) -> np.ndarray:
    if split.out_id is not None:
        return np.asarray(split.out_id, dtype=np.int64)
    mask = np.ones(len(split.data), dtype=bool)
    mask[np.asarray(split.in_id, dtype=np.int64)] = False
    return np.flatnonzero(mask)


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

    Each configuration is fitted on each resample's analysis set with
    ``wf.finalize_workflow(params).fit(analysis)`` and scored on the assessment set. A failing
    fit or prediction does not stop the search: its error (and any warning) is recorded in the
    notes (``collect_notes()``), as R's catcher does.

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
