"""Evaluate the configurations of one resample (R: tune ``R/loop_over_all_stages.R``).

The loop order is tune's ``pre*_mod*_post*``: for each preprocessor configuration the recipe is
prepped once on the analysis set (an untuned recipe once per resample; a formula is molded once
per resample), then every model configuration is fitted on the baked data. Model configurations
that differ only in an argument the engine can predict many values of at once
(``EngineInfo.multi_predict``, R's submodels) are fitted once, at the largest value, and scored
at every value, as R's ``min_grid()`` does.

Everything a worker needs is in :class:`GridContext`, which pickles, so the same functions run in
the main process, in joblib's loky workers and on Dask workers, and give the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from attrs import evolve, frozen

from ..errors import InvalidParameterError
from ._notes import catch

__all__ = ["GridContext", "evaluate_resample", "model_groups"]


@frozen(eq=False)
class GridContext:
    """The fixed inputs of a grid run (what every task needs)."""

    wf: Any
    splits: list
    id_rows: list  # one tuple of id strings per resample
    id_names: list
    pre_groups: list  # one DataFrame of key rows (params + .config) per preprocessor configuration
    model_ids: list
    recipe_ids: list
    metrics: Any
    mode: str
    event_level: str
    save_pred: bool
    extract: Callable[[Any], Any] | None
    keep_fit: bool
    submodel: dict  # model parameter id -> engine argument name, for the submodel trick ({} = off)
    base_seed: int


def _plain(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def model_groups(pre: pd.DataFrame, model_ids: list[str], sub_id: str | None) -> list[list[int]]:
    """Positions (in ``pre``) of the model configurations fitted together.

    Without a submodel parameter every configuration is its own group. With one, the rows that
    agree on every other model parameter form a group (R: ``min_grid``), in order of first row.
    """
    if sub_id is None or len(pre) < 2:
        return [[m] for m in range(len(pre))]
    others = [k for k in model_ids if k != sub_id]
    if not others:
        return [list(range(len(pre)))]
    keys = [tuple(_plain(v) for v in row) for row in pre.loc[:, others].itertuples(index=False, name=None)]
    groups: dict[tuple, list[int]] = {}
    for m, k in enumerate(keys):
        groups.setdefault(k, []).append(m)
    return list(groups.values())


def _pred_types(metrics: Any, mode: str) -> list[str]:
    if mode == "regression":
        return ["numeric"]
    return [t for t in ("class", "prob") if t in metrics.kinds]


def _group_predictions(model_fit: Any, x_new: pd.DataFrame, types: list[str], sub_arg: str | None,
                       values: list[Any]) -> list[pd.DataFrame]:
    """Predictions of a fitted group: one frame per value of the submodel argument."""
    n = len(x_new)
    if sub_arg is None or len(values) == 1:
        frames = [model_fit.predict(x_new, type=t).reset_index(drop=True) for t in types]
        return [pd.concat(frames, axis=1) if frames else pd.DataFrame(index=range(n))]
    from ..parsnip.fit import submodel_predictions

    return submodel_predictions(model_fit, model_fit.forge(x_new), types, sub_arg, values)


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


def assessment_positions(split: Any) -> np.ndarray:
    if split.out_id is not None:
        return np.asarray(split.out_id, dtype=np.int64)
    mask = np.ones(len(split.data), dtype=bool)
    mask[np.asarray(split.in_id, dtype=np.int64)] = False
    return np.flatnonzero(mask)


def _preprocess(ctx: GridContext, wf: Any, analysis: pd.DataFrame, assessment: pd.DataFrame,
                molded: dict) -> dict:
    """Prep (recipe) or mold (formula) on ``analysis``; bake or forge ``assessment``."""
    from ..parsnip._mold import mold_formula
    from ..parsnip.registry import get_engine
    from ..workflows.workflow import _recipe_case_weights, _roles
    from .tune_grid import metric_case_weights

    spec = wf.extract_spec_parsnip()
    # R: analysis rows fit with their weights; frequency (not importance) weights go to the metrics
    metric_wts = metric_case_weights(wf, assessment)
    analysis, wts = wf._case_weights_of(analysis)
    if wf.recipe is not None:
        prepped = wf.recipe.prep(training=analysis)
        baked = prepped.bake(new_data=None)
        outcomes, predictors = _roles(prepped)
        if len(outcomes) != 1:
            raise InvalidParameterError(f"The recipe must have exactly one outcome for a model fit; it has {outcomes}.")
        outcome = outcomes[0]
        new = prepped.bake(assessment)
        truth = new[outcome] if outcome in new.columns else assessment[outcome]
        if wts is not None:
            wts = _recipe_case_weights(wf.case_weights, baked, wts)
        return {"prepped": prepped, "blueprint": None, "x": baked.loc[:, predictors], "y": baked[outcome],
                "x_new": new.loc[:, predictors], "truth": truth, "outcome": outcome, "wts": wts,
                "metric_wts": metric_wts}
    if wf.formula is not None:
        if not molded:
            info = get_engine(spec.model, spec._engine_or_default(), spec._mode_or_only())
            x, y, bp = mold_formula(wf.formula, analysis, info.encoding)
            outcome = str(y.name)
            if outcome not in assessment.columns:
                raise InvalidParameterError(f"The assessment data lack the outcome column {outcome!r}.")
            molded.update({"prepped": None, "blueprint": bp, "x": x, "y": y, "x_new": bp.forge(assessment),
                           "truth": assessment[outcome], "outcome": outcome, "wts": wts, "metric_wts": metric_wts})
        return molded
    raise InvalidParameterError("The workflow has no preprocessor; add one with add_recipe() or add_formula().")


def evaluate_resample(ctx: GridContext, i: int, pres: list[int], emit: Callable[[str], None]) -> list[dict]:
    """Evaluate preprocessor configurations ``pres`` on resample ``i``.

    Returns one part per preprocessor configuration: ``{"i", "p", "metrics": [frames], "preds":
    [frames], "extracts": [rows], "notes": [dicts], "outcomes": [names], "fitted": FittedWorkflow or
    None, "n_configs"}``. Errors and warnings go to the notes (R: ``catcher()``).
    """
    from ..parsnip.fit import fit_xy
    from ..workflows.workflow import FittedWorkflow

    wf, split = ctx.wf, ctx.splits[i]
    id_values = ctx.id_rows[i]
    label = ", ".join(reversed(id_values))
    id_cols = dict(zip(ctx.id_names, id_values))
    seed_i = resample_seed(ctx.base_seed, id_values)
    types = _pred_types(ctx.metrics, ctx.mode)
    params = ctx.model_ids + ctx.recipe_ids
    parts: list[dict] = []
    ok_data: bool | None = None
    data: Any = None
    data_notes: list[dict[str, str]] = []
    molded: dict = {}
    n_pre = len(ctx.pre_groups)
    for p in pres:
        pre = ctx.pre_groups[p]
        part: dict[str, Any] = {"i": i, "p": p, "metrics": [], "preds": [], "extracts": [], "notes": [], "outcomes": [],
                "fitted": None, "n_configs": len(pre)}
        parts.append(part)
        notes = part["notes"]
        if ok_data is None:
            ok_data, data = catch(lambda: (split.analysis(), split.assessment()), "internal", data_notes, label)
            notes.extend(data_notes)
        if not ok_data:
            continue
        analysis, assessment = data
        rec_values = {k: _plain(pre.iloc[0][k]) for k in ctx.recipe_ids}
        wf_p = evolve(wf, recipe=wf.recipe.finalize(rec_values)) if ctx.recipe_ids else wf
        ploc = f"preprocessor {p + 1}/{n_pre}"
        emit(f"i {label}: {ploc}")
        ok, pp = catch(lambda: _preprocess(ctx, wf_p, analysis, assessment, molded), ploc, notes, label)
        if not ok:
            emit(f"x {label}: {ploc}")
            continue
        emit(f"\u2713 {label}: {ploc}")
        outcome = pp["outcome"]
        part["outcomes"].append(outcome)
        rows = assessment_positions(split) if ctx.save_pred else None
        sub_id = next(iter(ctx.submodel), None) if ctx.submodel else None
        groups = model_groups(pre, ctx.model_ids, sub_id)
        for g, members in enumerate(groups):
            mloc = f"{ploc}, model {g + 1}/{len(groups)}"
            sub_vals: list[Any] = [_plain(pre.iloc[m][sub_id]) for m in members] if sub_id is not None else [None]
            fit_at = members[int(np.argmax(sub_vals))] if sub_id is not None and len(members) > 1 else members[0]
            fit_values = {k: _plain(pre.iloc[fit_at][k]) for k in ctx.model_ids}
            emit(f"i {label}: {mloc}")
            spec = wf_p.spec.finalize(fit_values) if ctx.model_ids else wf_p.spec
            ok, model_fit = catch(lambda: fit_xy(spec, pp["x"], pp["y"], seed=seed_i, case_weights=pp["wts"]),
                                  mloc, notes, label)
            if not ok:
                emit(f"x {label}: {mloc}")
                continue
            emit(f"\u2713 {label}: {mloc}")
            fitted = None
            if ctx.extract is not None or ctx.keep_fit:
                mf = evolve(model_fit, blueprint=pp["blueprint"]) if pp["blueprint"] is not None else model_fit
                fitted = FittedWorkflow(wf_p.finalize_workflow(fit_values) if params else wf_p, pp["prepped"], mf)
                if ctx.keep_fit:
                    part["fitted"] = fitted
            extracted = None
            ok_x = False
            if ctx.extract is not None:
                extract = ctx.extract
                emit(f"i {label}: {mloc} (extracts)")
                ok_x, extracted = catch(lambda: extract(fitted), f"{mloc} (extracts)", notes, label)
            sub_arg = ctx.submodel.get(sub_id) if sub_id is not None and len(members) > 1 else None
            emit(f"i {label}: {mloc} (predictions)")
            ok, all_preds = catch(lambda: _group_predictions(model_fit, pp["x_new"], types, sub_arg, sub_vals),
                                  f"{mloc} (predictions)", notes, label)
            if not ok:
                continue
            truth = pp["truth"].reset_index(drop=True)
            for m, preds in zip(members, all_preds):
                row = pre.iloc[m]
                values = {k: _plain(row[k]) for k in params}
                config = row[".config"]
                if ok_x:
                    part["extracts"].append((m, {**id_cols, **values, ".extracts": extracted, ".config": config}))
                preds = preds.copy()
                preds[outcome] = truth
                ok_s, scored = catch(lambda: _score(preds, outcome, model_fit.lvl, ctx.metrics, ctx.event_level,
                                                             pp["metric_wts"]), f"{mloc} (metrics)", notes, label)
                if ok_s:
                    scored = scored.assign(**values, **{".config": config})
                    for c, v in id_cols.items():
                        scored[c] = v
                    part["metrics"].append((m, scored))
                if ctx.save_pred:
                    frame = preds.copy()
                    frame.insert(0, ".row", rows)
                    pred_cols = [c for c in frame.columns if c.startswith(".pred")]
                    for c, v in id_cols.items():
                        frame[c] = v
                    for k, v in values.items():
                        frame[k] = v
                    frame[".config"] = config
                    part["preds"].append((m, frame.loc[:, ctx.id_names + pred_cols + [".row", outcome] + params
                                                       + [".config"]]))
        # configuration order within the preprocessor, whatever the fitting order was
        part["metrics"] = [f for _, f in sorted(part["metrics"], key=lambda t: t[0])]
        part["preds"] = [f for _, f in sorted(part["preds"], key=lambda t: t[0])]
        part["extracts"] = [r for _, r in sorted(part["extracts"], key=lambda t: t[0])]
    return parts


def resample_seed(base: int, id_values: tuple[str, ...]) -> int:
    """The seed of every fit on one resample: a function of the call's seed and the resample id.

    All configurations of a resample share it (common random numbers), and a resample keeps
    its seed across the stages of a race.
    """
    import zlib

    words = [base & 0xFFFFFFFF] + [zlib.crc32(str(v).encode()) for v in id_values]
    return int(np.random.SeedSequence(words).generate_state(1)[0] & 0x7FFFFFFF)
