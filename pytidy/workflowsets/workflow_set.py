"""Workflow sets: many preprocessors crossed with many models (R: workflowsets ``R/workflow_set.R``).

A :class:`WorkflowSet` has R's four columns: ``wflow_id`` (``<preproc name>_<model name>``),
``info`` (the workflow, the preprocessor and model types, a comment), ``option`` (keyword
arguments for the tuning function) and ``result`` (what :func:`workflow_map` produced).
"""

from __future__ import annotations

import inspect
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from attrs import evolve, field, frozen

from .._converters import as_tuple
from .._random import SeedLike, draw_seed
from ..errors import InvalidParameterError, PytidyWarning
from ..parsnip.registry import get_engine
from ..parsnip.spec import ModelSpec
from ..workflows.workflow import Workflow, _is_recipe

__all__ = [
    "WorkflowSet", "workflow_set", "workflow_map", "rank_results", "option_add", "option_remove",
    "extract_workflow", "extract_workflow_set_result", "comment_add",
]

#: R's ``allowed_fn``: the functions workflow_map() may run, and the package that has them.
ALLOWED_FN = {
    "tune_grid": "pytidy.tune", "tune_bayes": "pytidy.tune", "fit_resamples": "pytidy.tune",
    "tune_race_anova": "pytidy.finetune", "tune_race_win_loss": "pytidy.finetune",
    "tune_sim_anneal": "pytidy.finetune",
}


def _preproc_type(x: Any) -> str:
    if _is_recipe(x):
        return "recipe"
    if isinstance(x, str):
        return "formula"
    if isinstance(x, Mapping):
        return "workflow_variables"
    raise InvalidParameterError(
        "Each preprocessor in workflow_set() must be a recipe, a formula string like 'y ~ .', or "
        f"variables as {{'outcomes': 'y', 'predictors': [...]}}; got {type(x).__name__}."
    )


def _fix_names(objs: Any, kind: str, default: Any) -> list[tuple[str, Any]]:
    """Named items; unnamed ones are named by type, duplicates get R's ``_<position>`` suffix."""
    if isinstance(objs, Mapping):
        items = [(str(k), v) for k, v in objs.items()]
    elif isinstance(objs, Sequence) and not isinstance(objs, str):
        prefix = [default(v) for v in objs]
        counts = {p: prefix.count(p) for p in prefix}
        items = [(p if counts[p] == 1 else f"{p}_{i + 1}", v) for i, (p, v) in enumerate(zip(prefix, objs))]
    else:
        raise InvalidParameterError(
            f"`{kind}` in workflow_set() must be a dict of names to objects, or a list; got {type(objs).__name__}."
        )
    if not items:
        raise InvalidParameterError(f"`{kind}` in workflow_set() is empty.")
    return items


def _model_type(spec: Any) -> str:
    if not isinstance(spec, ModelSpec):
        raise InvalidParameterError(
            f"Each model in workflow_set() must be a model specification such as linear_reg(); got {type(spec).__name__}."
        )
    return spec.model


def _make_workflow(preproc: Any, spec: ModelSpec) -> Workflow:
    wf = Workflow()
    if isinstance(preproc, Mapping):
        bad = set(preproc) - {"outcomes", "predictors"}
        if bad or "outcomes" not in preproc or "predictors" not in preproc:
            raise InvalidParameterError(
                "Variables in workflow_set() must be a dict with exactly the keys 'outcomes' and 'predictors'; "
                f"got keys {sorted(preproc)}."
            )
        wf = wf.add_variables(preproc["outcomes"], preproc["predictors"])
    elif isinstance(preproc, str):
        wf = wf.add_formula(preproc)
    else:
        wf = wf.add_recipe(preproc)
    return wf.add_model(spec)


def _result_label(res: Any) -> str:
    if res is None:
        return "<list [0]>"
    if isinstance(res, BaseException):
        return "<try-error [1]>"
    name = type(res).__name__
    kind = "race" if "Race" in name else "rsmp" if not getattr(res, "param_names", ()) else "tune"
    notes = getattr(res, "notes", None)
    mark = "+"
    if isinstance(notes, pd.DataFrame) and len(notes):
        mark = "x" if (notes["type"] == "error").any() else "!"
    return f"<{kind}[{mark}]>"


@frozen(eq=False)
class WorkflowSet:
    """Workflows with the same role, compared on the same resamples (R class ``workflow_set``).

    Build it with :func:`workflow_set`; :func:`workflow_map` fills ``result``. Every verb returns
    a new set. ``to_frame()`` gives R's tibble (``wflow_id, info, option, result``).
    """

    wflow_id: tuple[str, ...] = field(converter=as_tuple)
    info: tuple[dict[str, Any], ...] = field(converter=as_tuple)
    option: tuple[dict[str, Any], ...] = field(converter=as_tuple)
    result: tuple[Any, ...] = field(converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        n = len(self.wflow_id)
        if not (len(self.info) == len(self.option) == len(self.result) == n):
            raise InvalidParameterError("A WorkflowSet needs one info, option and result per wflow_id.")
        if len(set(self.wflow_id)) != n:
            dup = sorted({w for w in self.wflow_id if self.wflow_id.count(w) > 1})
            raise InvalidParameterError(f"The 'wflow_id' column should contain unique strings; {dup} repeat.")

    def __len__(self) -> int:
        return len(self.wflow_id)

    def _index(self, id: str) -> int:
        if id not in self.wflow_id:
            raise InvalidParameterError(f"`id` must be one of the wflow_id values {list(self.wflow_id)}; got {id!r}.")
        return self.wflow_id.index(id)

    def to_frame(self) -> pd.DataFrame:
        """R's tibble: ``wflow_id``, ``info`` (a one-row DataFrame each), ``option``, ``result``."""
        return pd.DataFrame({
            "wflow_id": list(self.wflow_id),
            "info": [pd.DataFrame([i]) for i in self.info],
            "option": list(self.option),
            "result": list(self.result),
        })

    # -- verbs ----------------------------------------------------------------------------------
    def workflow_map(self, fn: str = "tune_grid", verbose: bool = False, seed: SeedLike = None,
                     **options: Any) -> WorkflowSet:
        """See :func:`workflow_map`."""
        return workflow_map(self, fn, verbose=verbose, seed=seed, **options)

    def rank_results(self, rank_metric: str | None = None, select_best: bool = False) -> pd.DataFrame:
        """See :func:`rank_results`."""
        return rank_results(self, rank_metric=rank_metric, select_best=select_best)

    def option_add(self, id: str | list[str] | None = None, strict: bool = False, **options: Any) -> WorkflowSet:
        """See :func:`option_add`."""
        return option_add(self, id=id, strict=strict, **options)

    def extract_workflow(self, id: str) -> Workflow:
        """The workflow of one row (R: ``extract_workflow(x, id)``)."""
        return self.info[self._index(id)]["workflow"]

    def extract_workflow_set_result(self, id: str) -> Any:
        """The result of one row (R: ``extract_workflow_set_result(x, id)``)."""
        return self.result[self._index(id)]

    def extract_spec_parsnip(self, id: str) -> ModelSpec:
        """The model specification of one row (R: ``extract_spec_parsnip(x, id)``)."""
        return self.extract_workflow(id).extract_spec_parsnip()

    def extract_preprocessor(self, id: str) -> Any:
        """The preprocessor of one row (R: ``extract_preprocessor(x, id)``)."""
        return self.extract_workflow(id).extract_preprocessor()

    def extract_parameter_set_dials(self, id: str) -> Any:
        """The tuning parameters of one row, or its ``param_info`` option when set (R)."""
        i = self._index(id)
        return self.option[i].get("param_info") or self.info[i]["workflow"].parameters()

    def _check_complete(self, fail: bool) -> None:
        n = sum(r is None or isinstance(r, BaseException) for r in self.result)
        if n:
            msg = (f"There were {n} workflows that had no results. Run workflow_map() first; a failed workflow "
                   "keeps its error in `result`.")
            if fail:
                raise InvalidParameterError(msg)
            warnings.warn(msg, PytidyWarning, stacklevel=3)

    def collect_metrics(self, summarize: bool = True) -> pd.DataFrame:
        """Metrics of every workflow, without the parameter columns (R: ``collect_metrics.workflow_set``).

        Columns ``wflow_id, .config, preproc, model``, then the tuning results' own metric columns
        (``.metric, .estimator, mean, n, std_err`` when summarized, per-resample ``id`` and
        ``.estimate`` when not). The parameter columns differ between workflows, so they are
        dropped; ``.config`` joins them back from each result.
        """
        self._check_complete(fail=True)
        parts = []
        for wid, info, res in zip(self.wflow_id, self.info, self.result):
            m = res.collect_metrics(summarize=summarize)
            m = m.drop(columns=[p for p in getattr(res, "param_names", ()) if p in m.columns])
            m.insert(0, "wflow_id", wid)
            m.insert(1, "preproc", info["preproc"])
            m.insert(2, "model", info["model"])
            parts.append(m)
        out = pd.concat(parts, ignore_index=True)
        front = ["wflow_id", ".config", "preproc", "model"]
        return out.loc[:, front + [c for c in out.columns if c not in front]]

    def collect_predictions(self, summarize: bool = True, parameters: Any = None, select_best: bool = False,
                            metric: str | None = None) -> pd.DataFrame:
        """Held-out predictions of every workflow (R: ``collect_predictions.workflow_set``).

        Needs ``control=control_grid(save_pred=True)`` (or ``control_resamples``/``control_race``)
        in workflow_map(). ``select_best=True`` keeps each workflow's best configuration on
        ``metric`` (``parameters`` is then ignored). The parameter columns are dropped, as in
        :meth:`collect_metrics`; ``wflow_id, .config, preproc, model`` come first.
        """
        self._check_complete(fail=True)
        parts = []
        for wid, info, res in zip(self.wflow_id, self.info, self.result):
            if select_best:
                best = res.select_best(metric=metric) if getattr(res, "param_names", ()) else None
                p = res.collect_predictions(summarize=summarize, parameters=best)
            else:
                p = res.collect_predictions(summarize=summarize, parameters=parameters)
            p = p.drop(columns=[c for c in getattr(res, "param_names", ()) if c in p.columns])
            p.insert(0, "wflow_id", wid)
            p.insert(1, "preproc", info["preproc"])
            p.insert(2, "model", info["model"])
            parts.append(p)
        out = pd.concat(parts, ignore_index=True)
        front = ["wflow_id", ".config", "preproc", "model"]
        return out.loc[:, front + [c for c in out.columns if c not in front]]

    def collect_notes(self) -> pd.DataFrame:
        """The notes of every result with its ``wflow_id`` (R: ``collect_notes.workflow_set``)."""
        self._check_complete(fail=False)
        parts = []
        for wid, res in zip(self.wflow_id, self.result):
            if res is None or isinstance(res, BaseException):
                continue
            notes = res.collect_notes().copy()
            notes.insert(0, "wflow_id", wid)
            parts.append(notes)
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["wflow_id"])

    def autoplot(self, rank_metric: str | None = None, metric: str | list[str] | None = None,
                 id: str = "workflow_set", select_best: bool = False, std_errs: float = 1.6448536269514722,
                 type: str = "class") -> Any:
        """Plot every workflow's mean performance against its rank (R: ``autoplot.workflow_set``).

        Parameters
        ----------
        rank_metric : str, optional
            The metric that sets the rank (default: the first metric).
        metric : str or list of str, optional
            The metrics to show, one panel each (default: all).
        id : str, default "workflow_set"
            Another value plots that one workflow's result with its own ``autoplot()``.
        select_best : bool, default False
            Show only each workflow's best configuration.
        std_errs : float, default ``qnorm(0.95)``
            Half-width of the error bars in standard errors (R's default).
        type : {"class", "wflow_id"}
            Colour by model type (R's default) or by workflow.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from ._plots import plot_workflow_set

        if id != "workflow_set":
            return self.extract_workflow_set_result(id).autoplot(metric=metric)
        return plot_workflow_set(self, rank_metric=rank_metric, metric=metric, select_best=select_best,
                                 std_errs=std_errs, type=type)

    def __repr__(self) -> str:
        rows = [(w, "<tibble [1 \u00d7 4]>", f"<opts[{len(o)}]>", _result_label(r))
                for w, o, r in zip(self.wflow_id, self.option, self.result)]
        head = ("wflow_id", "info", "option", "result")
        types = ("<chr>", "<list>", "<list>", "<list>")
        widths = [max(len(head[j]), len(types[j]), *(len(r[j]) for r in rows)) for j in range(4)]
        num = len(str(len(rows)))

        def line(lead: str, cells: Sequence[str]) -> str:
            return (lead.rjust(num) + " " + " ".join(c.ljust(w) for c, w in zip(cells, widths))).rstrip()

        out = [f"# A workflow set/tibble: {len(rows)} \u00d7 4", line("", head), line("", types)]
        out += [line(str(i + 1), r) for i, r in enumerate(rows)]
        return "\n".join(out)


def workflow_set(preproc: Any, models: Any, cross: bool = True, case_weights: str | None = None) -> WorkflowSet:
    """Cross (or pair) preprocessors with model specifications (R: ``workflowsets::workflow_set()``).

    Parameters
    ----------
    preproc : dict or list
        Recipes, formula strings, or variables ``{"outcomes": "y", "predictors": [...]}``. Dict
        keys name them; list items are named by type (``"recipe"``, ``"formula"``,
        ``"workflow_variables"``), repeated types get ``_<position>`` as R's name repair does.
    models : dict or list
        Model specifications; unnamed ones are named by their model (``"linear_reg"``).
    cross : bool, default True
        All combinations, preprocessor by preprocessor (R's order). ``False`` pairs them in order;
        the lengths must then match, unless one of them has length 1.
    case_weights : str, optional
        A case-weight column for every workflow whose engine accepts case weights (R: engines
        that do not are warned about and left unweighted), added with ``Workflow.add_case_weights()``.

    Returns
    -------
    WorkflowSet
        ``wflow_id`` is ``<preproc name>_<model name>``.

    Examples
    --------
    >>> import pytidy as tm
    >>> wset = tm.workflow_set({"plain": "y ~ x", "both": "y ~ x + z"},
    ...                        {"lm": tm.linear_reg(), "lasso": tm.linear_reg(penalty=0.1).set_engine("glmnet")})
    >>> list(wset.wflow_id)
    ['plain_lm', 'plain_lasso', 'both_lm', 'both_lasso']
    >>> wset
    # A workflow set/tibble: 4 × 4
      wflow_id    info             option    result
      <chr>       <list>           <list>    <list>
    1 plain_lm    <tibble [1 × 4]> <opts[0]> <list [0]>
    2 plain_lasso <tibble [1 × 4]> <opts[0]> <list [0]>
    3 both_lm     <tibble [1 × 4]> <opts[0]> <list [0]>
    4 both_lasso  <tibble [1 × 4]> <opts[0]> <list [0]>
    """
    if not isinstance(cross, bool):
        raise InvalidParameterError(f"`cross` in workflow_set() must be True or False; got {cross!r}.")
    pre = _fix_names(preproc, "preproc", _preproc_type)
    mods = _fix_names(models, "models", _model_type)
    for _, p in pre:
        _preproc_type(p)
    for _, m in mods:
        _model_type(m)
    if cross or len(pre) == 1 or len(mods) == 1:
        pairs = [(p, m) for p in pre for m in mods]
    elif len(pre) != len(mods):
        raise InvalidParameterError(
            f"The lengths of 'preproc' ({len(pre)}) and 'models' ({len(mods)}) are different and `cross = FALSE`. "
            "Give as many of each, or use cross=True."
        )
    else:
        pairs = list(zip(pre, mods))
    ids, infos = [], []
    for (pname, p), (mname, m) in pairs:
        wf = _make_workflow(p, m)
        if case_weights is not None:
            wf = _add_case_weights(wf, case_weights)
        ids.append(f"{pname}_{mname}")
        infos.append({"workflow": wf, "preproc": _preproc_type(p), "model": m.model, "comment": ""})
    if case_weights is not None:
        _warn_unweighted(infos)
    return WorkflowSet(ids, infos, [{} for _ in ids], [None for _ in ids])


def _weights_allowed(wf: Workflow) -> bool:
    spec = wf.extract_spec_parsnip()
    return bool(get_engine(spec.model, spec._engine_or_default(), spec._mode_or_only()).case_weights)


def _add_case_weights(wf: Workflow, col: str) -> Workflow:
    if not isinstance(col, str):
        raise InvalidParameterError(f"`case_weights` in workflow_set() must be a column name; got {col!r}.")
    return wf.add_case_weights(col) if _weights_allowed(wf) else wf


def _warn_unweighted(infos: list[dict[str, Any]]) -> None:
    engines = sorted({i["workflow"].spec._engine_or_default() for i in infos if not _weights_allowed(i["workflow"])})
    if engines:
        warnings.warn(
            "Case weights are not enabled by the underlying model implementation for the following engine(s): "
            f"{', '.join(engines)}. The `case_weights` argument will be ignored for specifications using that "
            "engine.", PytidyWarning, stacklevel=3,
        )


def _check_wset(x: Any, owner: str) -> WorkflowSet:
    if not isinstance(x, WorkflowSet):
        raise InvalidParameterError(f"`x` in {owner} must be a workflow set made by workflow_set(); got {type(x).__name__}.")
    return x


def _ids(x: WorkflowSet, id: Any) -> list[int]:
    if id is None:
        return list(range(len(x)))
    wanted = [id] if isinstance(id, str) else list(id)
    return [x._index(i) for i in wanted]


def option_add(x: WorkflowSet, id: str | list[str] | None = None, strict: bool = False, **options: Any) -> WorkflowSet:
    """Add keyword options for workflow_map() to some or all workflows (R: ``option_add``).

    With ``strict=True`` an option that the function cannot use is an error at workflow_map()
    time rather than being dropped (R checks option names against the tuning functions).

    Examples
    --------
    >>> import pytidy as tm
    >>> wset = tm.workflow_set(["y ~ x"], [tm.linear_reg()]).option_add(grid=3)
    >>> wset.option[0]
    {'grid': 3}
    """
    x = _check_wset(x, "option_add()")
    opts = list(x.option)
    for i in _ids(x, id):
        opts[i] = {**opts[i], **options}
    if strict:
        for name in options:
            if not any(name in inspect.signature(_resolve(fn)).parameters for fn in ALLOWED_FN if _available(fn)):
                raise InvalidParameterError(f"option_add(): no tuning function takes an option {name!r}.")
    return evolve(x, option=opts)


def option_remove(x: WorkflowSet, *names: str) -> WorkflowSet:
    """Remove options by name from every workflow (R: ``option_remove``).

    Examples
    --------
    >>> import pytidy as tm
    >>> wset = tm.workflow_set(["y ~ x"], [tm.linear_reg()]).option_add(grid=3, seed=2)
    >>> tm.option_remove(wset, "grid").option[0]
    {'seed': 2}
    """
    x = _check_wset(x, "option_remove()")
    return evolve(x, option=[{k: v for k, v in o.items() if k not in names} for o in x.option])


def comment_add(x: WorkflowSet, id: str, *comments: str, append: bool = True) -> WorkflowSet:
    """Add a comment to one workflow (R: ``comment_add``).

    Examples
    --------
    >>> import pytidy as tm
    >>> s = tm.comment_add(tm.workflow_set(["y ~ x"], [tm.linear_reg()]), "formula_linear_reg", "baseline")
    >>> s.info[0]["comment"]
    'baseline'
    """
    x = _check_wset(x, "comment_add()")
    i = x._index(id)
    if not all(isinstance(c, str) for c in comments):
        raise InvalidParameterError("The comments in comment_add() must be strings.")
    infos = list(x.info)
    old = infos[i]["comment"]
    if old and not append:
        raise InvalidParameterError(f"There is already a comment for {id!r}; use append=True to add to it.")
    text = "\n".join(([old] if old else []) + list(comments))
    infos[i] = {**infos[i], "comment": text}
    return evolve(x, info=infos)


def extract_workflow(x: Any, id: str | None = None) -> Any:
    """The workflow of one row of a workflow set, or of a fitted/tuned object (R: ``extract_workflow``).

    Examples
    --------
    >>> import pytidy as tm
    >>> tm.extract_workflow(tm.workflow_set(["y ~ x"], [tm.linear_reg()]), "formula_linear_reg").formula
    'y ~ x'
    """
    if isinstance(x, WorkflowSet):
        if id is None:
            raise InvalidParameterError("extract_workflow() of a workflow set needs `id`, one of its wflow_id values.")
        return x.extract_workflow(id)
    method = getattr(x, "extract_workflow", None)
    if method is None:
        raise InvalidParameterError(f"extract_workflow() does not know objects of type {type(x).__name__}.")
    return method()


def extract_workflow_set_result(x: WorkflowSet, id: str) -> Any:
    """The tuning result of one row of a workflow set (R: ``extract_workflow_set_result``).

    Examples
    --------
    >>> import pytidy as tm
    >>> tm.extract_workflow_set_result(tm.workflow_set(["y ~ x"], [tm.linear_reg()]), "formula_linear_reg") is None
    True
    """
    return _check_wset(x, "extract_workflow_set_result()").extract_workflow_set_result(id)


def _available(fn: str) -> bool:
    import importlib

    return hasattr(importlib.import_module(ALLOWED_FN[fn]), fn)


def _resolve(fn: str) -> Any:
    import importlib

    return getattr(importlib.import_module(ALLOWED_FN[fn]), fn)


def _has_tuning(wf: Workflow) -> bool:
    return bool(wf.tune_args())


def _log(verbose: bool, text: str) -> None:
    if verbose:
        print(text, file=sys.stderr)


def workflow_map(x: WorkflowSet, fn: str = "tune_grid", verbose: bool = False, seed: SeedLike = None,
                 **options: Any) -> WorkflowSet:
    """Run the same tuning function on every workflow of a set (R: ``workflowsets::workflow_map()``).

    Parameters
    ----------
    x : WorkflowSet
    fn : str, default "tune_grid"
        One of R's names: ``"tune_grid"``, ``"fit_resamples"``, ``"tune_race_anova"`` (and
        ``"tune_bayes"``, ``"tune_race_win_loss"``, ``"tune_sim_anneal"`` where pytidy has them).
        It is called as a free function of :mod:`pytidy.tune` / :mod:`pytidy.finetune`. A workflow
        with nothing to tune is resampled with ``fit_resamples`` instead, as R does.
    verbose : bool, default False
        Print one line per workflow before and after (with the time), to stderr as R's messages.
    seed : int, optional
        The same seed is given to every call (R sets it before each one), so all workflows see the
        same random numbers; None draws one from pytidy's global generator.
    **options
        Arguments of ``fn``, e.g. ``resamples=``, ``grid=``, ``metrics=``; they are added to each
        workflow's ``option`` and override options set earlier. The same ``resamples`` serve every
        workflow. Options the chosen function does not take are dropped (R's ``recheck_options``).

    Returns
    -------
    WorkflowSet
        A new set whose ``result`` holds each call's result, or the exception a failed call
        raised (R's ``try-error``).

    Examples
    --------
    >>> import pytidy as tm, pandas as pd, numpy as np
    >>> df = pd.DataFrame({"x": np.arange(20.0), "z": np.arange(20.0) % 3})
    >>> df["y"] = 2 * df["x"] + df["z"]
    >>> wset = tm.workflow_set({"x": "y ~ x", "xz": "y ~ x + z"}, {"lm": tm.linear_reg()})
    >>> res = tm.workflow_map(wset, "fit_resamples", seed=1, resamples=tm.vfold_cv(df, v=2, seed=1))
    >>> res.rank_results(rank_metric="rmse")["wflow_id"].tolist()
    ['xz_lm', 'xz_lm', 'x_lm', 'x_lm']
    """
    x = _check_wset(x, "workflow_map()")
    if fn not in ALLOWED_FN:
        raise InvalidParameterError(
            f"Function {fn!r} can't be used. Allowable values are: {', '.join(repr(f) for f in ALLOWED_FN)}."
        )
    if not _available(fn):
        raise InvalidParameterError(f"workflow_map(): {fn}() is not available in this pytidy version.")
    if not isinstance(verbose, bool):
        raise InvalidParameterError(f"`verbose` in workflow_map() must be True or False; got {verbose!r}.")
    seed_int = draw_seed(seed)
    if options:
        x = option_add(x, **options)
    results = list(x.result)
    n = len(x)
    verb = "resampling" if fn == "fit_resamples" else "tuning"
    for i, (wid, info, opt) in enumerate(zip(x.wflow_id, x.info, x.option)):
        wf = info["workflow"]
        use = fn if _has_tuning(wf) or fn == "fit_resamples" else "fit_resamples"
        if use != fn:
            _log(verbose, f"i {i + 1} of {n} {verb}: {wid}: no tuning parameters, fit_resamples() will be attempted")
        func = _resolve(use)
        accepted = inspect.signature(func).parameters
        kwargs = {k: v for k, v in opt.items() if k in accepted}
        kwargs.setdefault("seed", seed_int)
        _log(verbose, f"i {i + 1} of {n} {verb}: {wid}")
        start = time.perf_counter()
        try:
            results[i] = func(wf, **kwargs)
        except Exception as exc:  # noqa: BLE001 - R keeps the try-error in `result` and goes on
            results[i] = exc
            _log(verbose, f"x {i + 1} of {n} {verb}: {wid} failed with: {type(exc).__name__}: {exc}")
            continue
        _log(verbose, f"\u2714 {i + 1} of {n} {verb}: {wid} ({time.perf_counter() - start:.1f}s)")
    return evolve(x, result=results)


def _pick_metric(x: WorkflowSet, rank_metric: str | None) -> tuple[str, str]:
    first = x.result[0]
    info = [(m.name, m.direction) for m in first.metric_set.metrics]
    if rank_metric is None:
        return info[0]
    if not isinstance(rank_metric, str):
        raise InvalidParameterError(f"`rank_metric` in rank_results() must be a metric name; got {rank_metric!r}.")
    for name, direction in info:
        if name == rank_metric:
            return name, direction
    raise InvalidParameterError(
        f"`rank_metric` {rank_metric!r} was not in the results; the metrics are {[n for n, _ in info]}."
    )


def rank_results(x: WorkflowSet, rank_metric: str | None = None, select_best: bool = False) -> pd.DataFrame:
    """Rank every configuration of every workflow by one metric (R: ``workflowsets::rank_results()``).

    As R: the mean of ``rank_metric`` (default the first metric) is ranked, best first,
    following the metric's direction; every metric row of a configuration gets its rank.
    Racing results keep only configurations resampled on every resample. ``select_best=True``
    keeps each workflow's best configuration only. R breaks exact ties at random with a fixed
    seed; pytidy breaks them by order of appearance (workflow order, then configuration).

    Returns
    -------
    DataFrame
        ``wflow_id, .config, .metric, mean, std_err, n, preprocessor, model, rank``, sorted by rank.

    Examples
    --------
    >>> import pytidy as tm, pandas as pd, numpy as np
    >>> df = pd.DataFrame({"x": np.arange(20.0), "z": np.arange(20.0) % 3})
    >>> df["y"] = 2 * df["x"] + df["z"]
    >>> wset = tm.workflow_set({"x": "y ~ x", "xz": "y ~ x + z"}, {"lm": tm.linear_reg()})
    >>> res = wset.workflow_map("fit_resamples", seed=1, resamples=tm.vfold_cv(df, v=2, seed=1))
    >>> tm.rank_results(res, "rmse")[["wflow_id", ".metric", "rank"]]
      wflow_id .metric  rank
    0    xz_lm    rmse     1
    1    xz_lm     rsq     1
    2     x_lm    rmse     2
    3     x_lm     rsq     2
    """
    x = _check_wset(x, "rank_results()")
    if not isinstance(select_best, bool):
        raise InvalidParameterError(f"`select_best` in rank_results() must be True or False; got {select_best!r}.")
    results = x.collect_metrics()
    metric, direction = _pick_metric(x, rank_metric)
    results = results.loc[:, ["wflow_id", ".config", ".metric", "mean", "std_err", "n", "preproc", "model"]]
    ranked = results.loc[results[".metric"] == metric, ["wflow_id", ".config", "mean", "n"]].copy()
    num_rs = {w: len(r.splits) for w, r in zip(x.wflow_id, x.result)}
    is_race = {w: hasattr(r, "finished_configs") for w, r in zip(x.wflow_id, x.result)}
    short = ranked.loc[ranked["wflow_id"].map(is_race) & (ranked["wflow_id"].map(num_rs) > ranked["n"])]
    if len(short):
        drop = set(zip(short["wflow_id"], short[".config"]))
        keep = [k not in drop for k in zip(ranked["wflow_id"], ranked[".config"])]
        ranked = ranked.loc[keep]
        results = results.loc[[k not in drop for k in zip(results["wflow_id"], results[".config"])]]
    score = ranked["mean"].astype(float) * (-1.0 if direction == "maximize" else 1.0)
    ranked = ranked.assign(_score=score)
    if select_best:
        best = ranked.loc[ranked.groupby("wflow_id", sort=False)["_score"].idxmin()]
        ranked = ranked.loc[ranked.index.isin(best.index)]
    ranked = ranked.assign(rank=ranked["_score"].rank(method="first").astype(int))
    out = results.merge(ranked[["wflow_id", ".config", "rank"]], on=["wflow_id", ".config"], how="inner")
    out = out.sort_values("rank", kind="stable").reset_index(drop=True)
    return out.rename(columns={"preproc": "preprocessor"})
