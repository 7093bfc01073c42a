"""``IterationResults``: results of iterative search (R: tune ``iteration_results``).

:func:`tune_bayes` and :func:`tune_sim_anneal` return one. It is a :class:`TuneResults` whose
long tables carry an ``.iter`` column (0 for the initial results); ``collect_metrics()`` keeps
``.iter`` and sorts by it, and ``autoplot()`` adds the "parameters" and "performance" types.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import pandas as pd
from attrs import field, frozen

from ..errors import InvalidParameterError
from .results import TuneResults

__all__ = ["IterationResults", "as_iteration_results", "stack_results"]


@frozen(eq=False)
class IterationResults(TuneResults):
    """Resampled performance of an iterative search; every long table has an ``.iter`` column.

    ``history`` (simulated annealing only) is the per-iteration decision table: ``.iter``,
    ``.config``, ``mean``, ``std_err``, ``random``, ``accept``, ``results``, ``global_best``.
    """

    history: pd.DataFrame | None = field(default=None)

    def collect_metrics(self, summarize: bool = True, type: str = "long") -> pd.DataFrame:
        """The metrics with their ``.iter`` (R: ``collect_metrics`` of iteration results).

        Summarised columns: ``<params>, .metric, .estimator, mean, n, std_err, .config, .iter``,
        sorted by ``.iter`` then ``.config`` (R's ``estimate_tune_results``).
        """
        if type not in ("long", "wide"):
            raise InvalidParameterError(f"`type` in collect_metrics() must be 'long' or 'wide'; got {type!r}.")
        self._check_all_failed()
        params = list(self.param_names)
        vals = self.metric_values
        if summarize:
            keys = params + [".metric", ".estimator", ".config", ".iter"]
            est = vals[".estimate"].astype(float)
            g = vals.assign(_e=est).groupby(keys, sort=False, dropna=False)["_e"]
            n = g.count()
            out = pd.DataFrame({"mean": g.mean(), "n": n.astype("int64"), "std_err": g.std(ddof=1) / np.sqrt(n)})
            out = out.reset_index()
            cols = params + [".metric", ".estimator", "mean", "n", "std_err", ".config", ".iter"]
            out = out.loc[:, cols].sort_values([".iter", ".config", ".metric"], kind="stable")
        else:
            cols = self.id_names + params + [".metric", ".estimator", ".estimate", ".config", ".iter"]
            out = vals.loc[:, cols].sort_values([".iter"], kind="stable")
        out = out.reset_index(drop=True)
        if type == "wide":
            out = self._pivot_iter(out, summarize)
        return out

    def _pivot_iter(self, res: pd.DataFrame, summarize: bool) -> pd.DataFrame:
        index = list(self.param_names) + [".config", ".iter"] + ([] if summarize else self.id_names)
        value = "mean" if summarize else ".estimate"
        out = res[index].drop_duplicates().reset_index(drop=True)
        for name in dict.fromkeys(res[".metric"]):
            part = res.loc[res[".metric"] == name, index + [value]].rename(columns={value: name})
            out = out.merge(part, on=index, how="left")
        return out

    def to_frame(self) -> pd.DataFrame:
        """R's layout: one row per resample *and iteration* (``splits``, ids, list columns, ``.iter``)."""
        frames = []
        def at(frame: pd.DataFrame | None, it: int) -> pd.DataFrame | None:
            if frame is None or ".iter" not in frame.columns:
                return frame
            return frame.loc[frame[".iter"] == it].drop(columns=".iter")

        for it in sorted(self.metric_values[".iter"].unique()):
            sub = attrs.evolve(self, metric_values=at(self.metric_values, it), notes=at(self.notes, it),
                               predictions=at(self.predictions, it), extracts=at(self.extracts, it))
            frame = TuneResults.to_frame(_plain(sub))
            frame[".iter"] = int(it)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True) if frames else TuneResults.to_frame(_plain(self))

    def autoplot(self, type: str = "marginals", metric: str | list[str] | None = None, **kwargs: Any) -> Any:
        """Plot iterative search results (R: ``autoplot.tune_results``).

        ``type``: "marginals" (mean performance against each parameter), "parameters" (each
        parameter against ``.iter``, a log axis for log-transformed parameters) or "performance"
        (mean +/- one standard error of each metric against ``.iter``). Returns a matplotlib Figure.
        """
        from ._plots import plot_marginals, plot_parameters, plot_performance

        if type == "marginals":
            return plot_marginals(self, metric=metric, **kwargs)
        if type == "parameters":
            return plot_parameters(self, **kwargs)
        if type == "performance":
            return plot_performance(self, metric=metric, **kwargs)
        raise InvalidParameterError(
            f"`type` in autoplot() must be one of 'marginals', 'parameters' or 'performance'; got {type!r}."
        )

    def __repr__(self) -> str:
        return TuneResults.__repr__(self) + f"\n# Iterations: {int(self.metric_values['.iter'].max())}" \
            if len(self.metric_values) else TuneResults.__repr__(self)


def _plain(res: TuneResults) -> TuneResults:
    """The same results as a plain :class:`TuneResults` (for the parent's methods)."""
    return TuneResults(**{f.name: getattr(res, f.name) for f in attrs.fields(TuneResults)})


def _with_iter(frame: pd.DataFrame | None, iter: int, config: str | None) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    if config is not None and ".config" in out.columns:
        out[".config"] = config
    if ".iter" not in out.columns:
        out[".iter"] = int(iter)
    return out


def stack_results(parts: list[tuple[TuneResults, int, str | None]], parameters: Any, history: Any = None,
                  workflow: Any = None) -> IterationResults:
    """Concatenate tune_grid results of several iterations, relabelled, into one IterationResults.

    ``parts``: (results, iteration, new ``.config`` or None to keep the results' own labels).
    The splits and ids are those of the first results (every part uses the same resamples).
    """
    first = parts[0][0]

    def cat(attr: str) -> pd.DataFrame | None:
        frames = [_with_iter(getattr(r, attr), i, c) for r, i, c in parts]
        if all(f is None for f in frames):
            return None
        return pd.concat([f for f in frames if f is not None], ignore_index=True)

    notes = pd.concat([_with_iter(r.notes, i, None) for r, i, _ in parts], ignore_index=True)
    keys = []
    for r, i, c in parts:
        k = r.config_key.copy()
        if c is not None:
            k[".config"] = c
        keys.append(k)
    base = {f.name: getattr(first, f.name) for f in attrs.fields(TuneResults)}
    base.update(metric_values=cat("metric_values"), notes=notes, predictions=cat("predictions"),
                extracts=cat("extracts"), config_key=pd.concat(keys, ignore_index=True), parameters=parameters,
                workflow=workflow if workflow is not None else first.workflow)
    outcomes = [o for r, _, _ in parts for o in r.outcomes]
    base["outcomes"] = tuple(dict.fromkeys(outcomes))
    return IterationResults(**base, history=history)


def as_iteration_results(res: TuneResults) -> IterationResults:
    """Results of tune_grid (``.iter`` 0) or of an earlier iterative search, as IterationResults."""
    if isinstance(res, IterationResults):
        return res
    return stack_results([(res, 0, None)], parameters=res.parameters)
