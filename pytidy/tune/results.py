"""``TuneResults``: what :func:`tune_grid`, :func:`fit_resamples` and :func:`last_fit` return.

R returns an rset tibble with list columns ``.metrics``, ``.notes`` and ``.predictions`` plus
attributes. pytidy keeps the same information as long DataFrames (one row per resample, config
and metric), from which :meth:`TuneResults.to_frame` rebuilds R's nested layout on request.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_list, as_tuple
from ..errors import InvalidParameterError, PytidyWarning

__all__ = ["TuneResults", "LastFit"]

_SUMMARY_COLS = ["mean", "n", "std_err"]


def _frame(x: Any) -> pd.DataFrame:
    return x if isinstance(x, pd.DataFrame) else pd.DataFrame(x)


@frozen(eq=False)
class TuneResults:
    """Resampled performance of one or more model configurations (R: ``tune_results``).

    Attributes
    ----------
    splits : list of RSplit
        The resamples, one per row (R's ``splits`` column).
    ids : DataFrame
        The resample ids (``id`` and, for repeats, ``id2``), one row per split.
    metric_values : DataFrame
        Long metrics: id columns, parameters, ``.metric``, ``.estimator``, ``.estimate``, ``.config``
        (R's ``.metrics`` list column, unnested).
    notes : DataFrame
        id columns, ``location``, ``type`` ("warning" or "error") and ``note`` (R's ``.notes``).
    predictions : DataFrame or None
        With ``control_grid(save_pred=True)``: id columns, prediction columns, ``.row`` (0-based
        position of the row in the data), the outcome, parameters and ``.config``.
    extracts : DataFrame or None
        With ``control_grid(extract=fn)``: id columns, parameters, ``.extracts``, ``.config``.
    param_names : tuple of str
        Ids of the tuned parameters (R: ``.get_tune_parameter_names``).
    parameters : ParameterSet or None
        The parameter set the grid came from (R attribute ``parameters``).
    metric_set : MetricSet
        The metrics (R attribute ``metrics``); its first metric is the default for ``show_best``.
    outcomes : tuple of str
        The outcome column name(s).
    rset_info : dict
        ``kind`` and ``attrs`` of the resample set (R attribute ``rset_info``).
    workflow : Workflow or None
        Kept with ``control_grid(save_workflow=True)``.
    config_key : DataFrame
        Every evaluated configuration: parameter columns plus ``.config``.
    """

    splits: list = field(converter=as_list)
    ids: pd.DataFrame = field(converter=_frame)
    metric_values: pd.DataFrame = field(converter=_frame)
    notes: pd.DataFrame = field(converter=_frame)
    param_names: tuple = field(converter=as_tuple)
    metric_set: Any
    outcomes: tuple = field(converter=as_tuple)
    config_key: pd.DataFrame = field(converter=_frame)
    predictions: pd.DataFrame | None = None
    extracts: pd.DataFrame | None = None
    parameters: Any = None
    rset_info: dict = field(factory=dict)
    workflow: Any = None

    # -- helpers --------------------------------------------------------------------------------
    @property
    def id_names(self) -> list[str]:
        return list(self.ids.columns)

    @property
    def _label(self) -> str:
        return "Tuning results"

    def _metric_info(self) -> list[tuple[str, str]]:
        return [(m.name, m.direction) for m in self.metric_set.metrics]

    def _check_all_failed(self) -> None:
        if len(self.metric_values) == 0:
            raise InvalidParameterError(
                "All models failed, so there are no metrics. Run collect_notes() on the results to see the errors."
            )

    # -- collect --------------------------------------------------------------------------------
    def collect_metrics(self, summarize: bool = True, type: str = "long") -> pd.DataFrame:
        """The resampled metrics, averaged per configuration or per resample (R: ``collect_metrics``).

        Parameters
        ----------
        summarize : bool, default True
            True: one row per configuration and metric with ``mean``, ``n`` (non-missing
            estimates) and ``std_err`` (sd / sqrt(n)). False: one row per resample.
        type : {"long", "wide"}
            "wide" gives one column per metric (R: ``pivot_metrics``).

        Returns
        -------
        DataFrame
            Summarised: ``<params>, .metric, .estimator, mean, n, std_err, .config``, sorted by
            ``.config``. Unsummarised: id columns, ``<params>, .metric, .estimator, .estimate, .config``.

        Examples
        --------
        See :func:`pytidy.tune_grid`.
        """
        if type not in ("long", "wide"):
            raise InvalidParameterError(f"`type` in collect_metrics() must be 'long' or 'wide'; got {type!r}.")
        self._check_all_failed()
        params = list(self.param_names)
        if summarize:
            res = _summarize_metrics(self.metric_values, params)
        else:
            cols = self.id_names + params + [".metric", ".estimator", ".estimate", ".config"]
            res = self.metric_values.loc[:, cols].reset_index(drop=True)
        if type == "wide":
            res = self._pivot(res, summarize)
        return res

    def _pivot(self, res: pd.DataFrame, summarize: bool) -> pd.DataFrame:
        params = list(self.param_names)
        index = params + [".config"] + ([] if summarize else self.id_names)
        value = "mean" if summarize else ".estimate"
        order = list(dict.fromkeys(res[".metric"]))
        key = res[index].drop_duplicates().reset_index(drop=True)
        out = key.copy()
        for name in order:
            part = res.loc[res[".metric"] == name, index + [value]].rename(columns={value: name})
            out = out.merge(part, on=index, how="left")
        return out

    def collect_notes(self) -> pd.DataFrame:
        """The warnings and errors recorded while fitting: id columns, ``location``, ``type``, ``note``.

        R: ``collect_notes()`` (``show_notes()`` prints the distinct ones).
        """
        return self.notes.reset_index(drop=True)

    def show_notes(self, n: int = 10) -> str:
        """The distinct notes as text, at most ``n`` (R: ``show_notes``)."""
        if len(self.notes) == 0:
            return "Great job! No notes to show."
        uniq = self.notes.drop_duplicates(["type", "note"]).head(n)
        blocks = [f"unique notes:\n{'-' * 40}\n{r.type}: {r.note}" for r in uniq.itertuples()]
        return "\n".join(blocks)

    def collect_predictions(self, summarize: bool = False, parameters: Any = None) -> pd.DataFrame:
        """The held-out predictions kept with ``control_grid(save_pred=True)`` (R: ``collect_predictions``).

        Parameters
        ----------
        summarize : bool, default False
            Average replicate predictions of the same row (bootstraps, repeats): numeric
            predictions are averaged; class probabilities are averaged, renormalised, and the
            class is recomputed from them (the mode is used when only classes exist).
        parameters : DataFrame or dict, optional
            Keep only the configurations with these parameter values (or ``.config``).
        """
        if self.predictions is None:
            raise InvalidParameterError(
                "The `.predictions` column does not exist. Refit with control_grid(save_pred=True) "
                "(or control_resamples(save_pred=True)) to save predictions."
            )
        res = self.predictions
        if parameters is not None:
            res = _filter_parameters(res, parameters, list(self.param_names))
        if summarize:
            res = _summarize_predictions(res, list(self.param_names), list(self.outcomes))
        return res.reset_index(drop=True)

    def collect_extracts(self) -> pd.DataFrame:
        """What ``control_grid(extract=fn)`` returned per resample and configuration (R: ``collect_extracts``)."""
        if self.extracts is None:
            raise InvalidParameterError(
                "The `.extracts` column does not exist. Refit with control_grid(extract=fn) to keep extracts."
            )
        return self.extracts.reset_index(drop=True)

    # -- show and select ------------------------------------------------------------------------
    def _choose_metric(self, metric: Any, caller: str) -> tuple[str, str]:
        info = self._metric_info()
        names = [n for n, _ in info]
        if metric is None:
            metric = names[0]
            warnings.warn(f'No value of `metric` was given; "{metric}" will be used.', PytidyWarning, stacklevel=3)
        else:
            if isinstance(metric, (list, tuple)):
                if len(metric) > 1:
                    warnings.warn(f'{len(metric)} metrics were given; "{metric[0]}" will be used.', PytidyWarning,
                                  stacklevel=3)
                metric = metric[0]
            if metric not in names:
                choices = ", ".join(f'"{n}"' for n in names)
                raise InvalidParameterError(
                    f'"{metric}" was not in the metric set. Please choose from: {choices}. ({caller})'
                )
        return metric, dict(info)[metric]

    def _filter_perf_metrics(self, metric: str) -> pd.DataFrame:
        res = self.collect_metrics()
        res = res.loc[res[".metric"] == metric]
        return res.loc[res["mean"].notna()].reset_index(drop=True)

    def show_best(self, metric: str | None = None, n: int = 5, eval_time: Any = None) -> pd.DataFrame:
        """The ``n`` best configurations for one metric (R: ``show_best``).

        Sorted by ``mean`` descending (maximize), ascending (minimize) or by ``|mean|`` (zero);
        the sort is stable, so ties keep ``.config`` order. Without ``metric`` the first metric
        of the set is used, with a warning (as R).

        Examples
        --------
        See :func:`pytidy.tune_grid`.
        """
        metric, direction = self._choose_metric(metric, "show_best()")
        return self._show_best(metric, direction, n)

    def _show_best(self, metric: str, direction: str, n: float) -> pd.DataFrame:
        res = self._filter_perf_metrics(metric)
        res = _arrange(res, direction)
        if n != np.inf:
            res = res.head(int(n))
        return res.reset_index(drop=True)

    def select_best(self, metric: str | None = None, eval_time: Any = None) -> pd.DataFrame:
        """The parameters and ``.config`` of the best configuration, one row (R: ``select_best``).

        Pass the row to ``wf.finalize_workflow(best)``.
        """
        metric, direction = self._choose_metric(metric, "select_best()")
        res = self._show_best(metric, direction, 1)
        return res.loc[:, list(self.param_names) + [".config"]]

    def select_by_one_std_err(self, *sort_by: str, metric: str | None = None, eval_time: Any = None) -> pd.DataFrame:
        """The simplest configuration within one standard error of the best (R: ``select_by_one_std_err``).

        Parameters
        ----------
        *sort_by : str
            Parameter columns that order configurations from simplest to most complex, as R's
            ``...``: ``"penalty"`` sorts ascending, ``"-penalty"`` or ``"desc(penalty)"`` descending.
        metric : str, optional
            The metric; the first of the set if None (with a warning).

        Returns
        -------
        DataFrame
            One row: the parameters and ``.config``.
        """
        metric, direction = self._choose_metric(metric, "select_by_one_std_err()")
        keys = _sort_keys(sort_by, list(self.collect_metrics().columns))
        res = self._filter_perf_metrics(metric)
        if direction == "maximize":
            i = int(res["mean"].to_numpy().argmax())
            bound = res["mean"].iloc[i] - res["std_err"].iloc[i]
            res = res.loc[res["mean"] >= bound]
        elif direction == "minimize":
            i = int(res["mean"].to_numpy().argmin())
            bound = res["mean"].iloc[i] + res["std_err"].iloc[i]
            res = res.loc[res["mean"] <= bound]
        else:
            i = int(res["mean"].abs().to_numpy().argmin())
            best, se = res["mean"].iloc[i], res["std_err"].iloc[i]
            res = res.loc[(res["mean"] >= -abs(best) - se) & (res["mean"] <= abs(best) + se)]
        res = _sort_by(res, keys)
        return res.head(1).loc[:, list(self.param_names) + [".config"]].reset_index(drop=True)

    def select_by_pct_loss(self, *sort_by: str, metric: str | None = None, limit: float = 2,
                           eval_time: Any = None) -> pd.DataFrame:
        """The simplest configuration whose loss against the best is under ``limit`` percent.

        R: ``select_by_pct_loss``; ``.loss = |(|mean| - |best|) / best| * 100``. Rows are ordered
        by ``sort_by`` (as :meth:`select_by_one_std_err`), rows after the best one are discarded,
        and the first with ``.loss < limit`` is returned.
        """
        metric, direction = self._choose_metric(metric, "select_by_pct_loss()")
        keys = _sort_keys(sort_by, list(self.collect_metrics().columns))
        res = self._filter_perf_metrics(metric)
        m = res["mean"].to_numpy(dtype=float)
        if direction == "maximize":
            best = np.nanmax(m)
        elif direction == "minimize":
            best = np.nanmin(m)
        else:
            best = m[int(np.nanargmin(np.abs(m)))]
        res = res.assign(_loss=np.abs((np.abs(m) - abs(best)) / best) * 100)
        res = _sort_by(res, keys)
        best_pos = int(np.flatnonzero(res["_loss"].to_numpy() == 0)[0])
        res = res.iloc[: best_pos + 1]
        res = res.loc[res["_loss"] < limit]
        return res.head(1).loc[:, list(self.param_names) + [".config"]].reset_index(drop=True)

    # -- other ----------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """R's layout: ``splits``, ids, and list columns ``.metrics``, ``.notes`` (and ``.predictions``)."""
        out = pd.DataFrame({"splits": pd.Series(self.splits, dtype=object)})
        for c in self.id_names:
            out[c] = self.ids[c].to_numpy()

        def nest(frame: pd.DataFrame | None, name: str) -> None:
            if frame is None:
                return
            cells = []
            for _, row in self.ids.iterrows():
                mask = np.ones(len(frame), dtype=bool)
                for c in self.id_names:
                    mask &= (frame[c] == row[c]).to_numpy()
                cells.append(frame.loc[mask].drop(columns=self.id_names).reset_index(drop=True))
            out[name] = pd.Series(cells, dtype=object)

        nest(self.metric_values, ".metrics")
        nest(self.notes, ".notes")
        nest(self.extracts, ".extracts")
        nest(self.predictions, ".predictions")
        return out

    def autoplot(self, type: str = "marginals", metric: str | list[str] | None = None, **kwargs: Any) -> Any:
        """Plot mean performance against each tuned parameter (R: ``autoplot.tune_results``).

        One row of panels per metric, one column per parameter; returns a matplotlib Figure.
        Parameters with a log transform (``penalty``, ``learn_rate``) get a log x axis.
        """
        from ._plots import plot_marginals

        if type != "marginals":
            raise InvalidParameterError(
                f"autoplot() of grid results supports type='marginals'; got {type!r}. "
                "'parameters' and 'performance' are for iterative search results (tune_bayes(), tune_sim_anneal())."
            )
        return plot_marginals(self, metric=metric, **kwargs)

    def __len__(self) -> int:
        return len(self.splits)

    def __repr__(self) -> str:
        kind = self.rset_info.get("pretty", "")
        lines = [f"# {self._label}"] + ([f"# {kind}"] if kind else [])
        cols = ["splits"] + self.id_names + [".metrics", ".notes"]
        lines.append(f"# A tibble: {len(self.splits)} x {len(cols)}")
        lines.append("  " + "  ".join(cols))
        for i, s in enumerate(self.splits[:10]):
            idv = "  ".join(str(v) for v in self.ids.iloc[i])
            m = self.metric_values
            nm = int(np.all([(m[c] == self.ids[c].iloc[i]).to_numpy() for c in self.id_names], axis=0).sum()) \
                if len(m) else 0
            split_sum = s.obj_sum() if hasattr(s, "obj_sum") else "<split>"
            lines.append(f"{i + 1} {split_sum}  {idv}  <tibble [{nm} x 4]>  <notes>")
        if len(self.splits) > 10:
            lines.append(f"# ... with {len(self.splits) - 10} more rows")
        n_err = int((self.notes["type"] == "error").sum()) if len(self.notes) else 0
        n_warn = int((self.notes["type"] == "warning").sum()) if len(self.notes) else 0
        if n_err or n_warn:
            lines.append(f"\nThere were issues with some computations: {n_err} error(s), {n_warn} warning(s).\n"
                         "Run collect_notes() on the results to see them.")
        return "\n".join(lines)


@frozen(eq=False, repr=False)
class ResampleResults(TuneResults):
    """The result of :func:`fit_resamples` (R class ``resample_results``): prints "# Resampling results"."""

    @property
    def _label(self) -> str:
        return "Resampling results"


@frozen(eq=False, repr=False)
class LastFit(TuneResults):
    """The result of :func:`last_fit`: metrics and predictions on the test set plus the final fit.

    R: a one-row ``last_fit`` tibble with a ``.workflow`` column.
    """

    fitted_workflow: Any = None

    @property
    def _label(self) -> str:
        return "Resampling results"

    def collect_metrics(self, summarize: bool = True, type: str = "long") -> pd.DataFrame:
        """The test-set metrics: ``.metric, .estimator, .estimate, .config`` (R: ``x$.metrics[[1]]``)."""
        if type not in ("long", "wide"):
            raise InvalidParameterError(f"`type` in collect_metrics() must be 'long' or 'wide'; got {type!r}.")
        self._check_all_failed()
        res = self.metric_values.loc[:, [".metric", ".estimator", ".estimate", ".config"]]
        # R's metric_set() returns class metrics, then probability metrics, each in set order
        metrics = list(self.metric_set.metrics)
        rank = {m.name: (m.kind != "class", i) for i, m in enumerate(metrics)}
        order = sorted(range(len(res)), key=lambda r: rank.get(res[".metric"].iloc[r], (True, len(metrics))))
        res = res.iloc[order].reset_index(drop=True)
        if type == "wide":
            res = _wide_last_fit(res)
        return res

    def extract_workflow(self) -> Any:
        """The workflow fitted on the whole training set (R: ``extract_workflow(last_fit_res)``)."""
        if self.fitted_workflow is None:
            raise InvalidParameterError(
                "The model could not be fitted on the training set; run collect_notes() to see why."
            )
        return self.fitted_workflow

    def extract_fit_parsnip(self) -> Any:
        """The fitted parsnip model of :meth:`extract_workflow`."""
        return self.extract_workflow().extract_fit_parsnip()

    def extract_recipe(self, estimated: bool = True) -> Any:
        return self.extract_workflow().extract_recipe(estimated=estimated)

    def predict(self, new_data: pd.DataFrame, type: str | None = None, **opts: Any) -> pd.DataFrame:
        """Predict with the final fitted workflow."""
        return self.extract_workflow().predict(new_data, type=type, **opts)


def _wide_last_fit(res: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({".config": [res[".config"].iloc[0]]})
    for r in res.itertuples(index=False):
        out[r[0]] = [r[2]]
    return out


# -- helpers ------------------------------------------------------------------------------------
def _summarize_metrics(values: pd.DataFrame, params: list[str]) -> pd.DataFrame:
    keys = params + [".metric", ".estimator", ".config"]
    est = values[".estimate"].astype(float)
    grouped = values.assign(_e=est).groupby(keys, sort=False, dropna=False)["_e"]
    mean = grouped.mean()
    n = grouped.count()
    sd = grouped.std(ddof=1)
    out = pd.DataFrame({"mean": mean, "n": n.astype("int64"), "std_err": sd / np.sqrt(n)}).reset_index()
    out = out.loc[:, params + [".metric", ".estimator", "mean", "n", "std_err", ".config"]]
    out = out.sort_values([".config", ".metric", ".estimator"], kind="stable").reset_index(drop=True)
    return out


def _arrange(res: pd.DataFrame, direction: str) -> pd.DataFrame:
    if direction == "maximize":
        order = np.argsort(-res["mean"].to_numpy(dtype=float), kind="stable")
    elif direction == "minimize":
        order = np.argsort(res["mean"].to_numpy(dtype=float), kind="stable")
    else:
        order = np.argsort(np.abs(res["mean"].to_numpy(dtype=float)), kind="stable")
    return res.iloc[order]


_DESC = re.compile(r"^desc\((.+)\)$")


def _sort_keys(sort_by: tuple[str, ...], columns: list[str]) -> list[tuple[str, bool]]:
    if not sort_by:
        raise InvalidParameterError(
            "Please choose at least one tuning parameter to sort by, e.g. select_by_one_std_err('penalty', "
            "metric='rmse'); prefix it with '-' (or write 'desc(penalty)') to sort descending."
        )
    keys = []
    for s in sort_by:
        if not isinstance(s, str):
            raise InvalidParameterError(f"Sort keys must be column names as strings; got {s!r}.")
        m = _DESC.match(s.strip())
        if m:
            keys.append((m.group(1).strip(), False))
        elif s.startswith("-"):
            keys.append((s[1:], False))
        else:
            keys.append((s, True))
    missing = [k for k, _ in keys if k not in columns]
    if missing:
        raise InvalidParameterError(
            f"Could not sort results by {', '.join(f'`{k}`' for k in missing)}; the sortable columns are {columns}."
        )
    return keys


def _sort_by(res: pd.DataFrame, keys: list[tuple[str, bool]]) -> pd.DataFrame:
    return res.sort_values([k for k, _ in keys], ascending=[a for _, a in keys], kind="stable")


def _filter_parameters(res: pd.DataFrame, parameters: Any, params: list[str]) -> pd.DataFrame:
    if isinstance(parameters, dict):
        parameters = pd.DataFrame([parameters])
    if not isinstance(parameters, pd.DataFrame):
        raise InvalidParameterError(
            f"`parameters` must be a DataFrame or dict of parameter values; got {type(parameters).__name__}."
        )
    on = [c for c in parameters.columns if c in params or c == ".config"]
    if not on:
        raise InvalidParameterError(
            f"`parameters` has none of the tuned parameter columns {params} (nor `.config`)."
        )
    return res.merge(parameters.loc[:, on].drop_duplicates(), on=on, how="inner")


def _summarize_predictions(res: pd.DataFrame, params: list[str], outcomes: list[str]) -> pd.DataFrame:
    keys = [".row"] + params + [".config"]
    prob_cols = [c for c in res.columns if c.startswith(".pred_") and c != ".pred_class"]
    groups = res.groupby(keys, sort=True, dropna=False)
    out = groups[outcomes].first()
    if ".pred" in res.columns:
        out[".pred"] = groups[".pred"].mean()
    if prob_cols:
        probs = groups[prob_cols].mean()
        probs = probs.div(probs.sum(axis=1), axis=0)
        for c in prob_cols:
            out[c] = probs[c]
        if ".pred_class" in res.columns:
            levels = [c[len(".pred_"):] for c in prob_cols]
            cls = np.asarray(levels, dtype=object)[probs.to_numpy().argmax(axis=1)]
            cats = res[".pred_class"].cat.categories if hasattr(res[".pred_class"], "cat") else levels
            out[".pred_class"] = pd.Categorical(cls, categories=cats)
    elif ".pred_class" in res.columns:
        out[".pred_class"] = groups[".pred_class"].agg(lambda s: s.value_counts().index[0])
    return out.reset_index()
