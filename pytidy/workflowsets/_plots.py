"""``autoplot()`` of a workflow set: performance against rank (R: workflowsets ``R/autoplot.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import require
from ..errors import InvalidParameterError

__all__ = ["plot_workflow_set"]

_MARKERS = ["o", "^", "s", "D", "v", "P", "X", "*"]


def plot_workflow_set(wset: Any, rank_metric: str | None = None, metric: Any = None, select_best: bool = False,
                      std_errs: float = 1.6448536269514722, type: str = "class") -> Any:
    """One panel per metric: mean +/- ``std_errs`` standard errors against the workflow rank.

    Colour is the model type (``type="class"``) or the workflow id (``type="wflow_id"``); the
    marker is the preprocessor type, as R maps ``color = model, shape = preprocessor``.
    """
    if type not in ("class", "wflow_id"):
        raise InvalidParameterError(f"`type` in autoplot() of a workflow set must be 'class' or 'wflow_id'; got {type!r}.")
    if not isinstance(std_errs, (int, float)) or std_errs < 0:
        raise InvalidParameterError(f"`std_errs` in autoplot() must be a number >= 0; got {std_errs!r}.")
    plt = require("matplotlib.pyplot", "plots", "autoplot() of a workflow set")
    ranked = wset.rank_results(rank_metric=rank_metric, select_best=select_best)
    metrics = list(dict.fromkeys(ranked[".metric"]))
    if metric is not None:
        wanted = [metric] if isinstance(metric, str) else list(metric)
        bad = [m for m in wanted if m not in metrics]
        if bad:
            raise InvalidParameterError(f"autoplot(): metric(s) {bad} are not in the results; choose from {metrics}.")
        metrics = wanted
    colour_by = "model" if type == "class" else "wflow_id"
    groups = list(dict.fromkeys(ranked[colour_by]))
    shapes = {p: _MARKERS[i % len(_MARKERS)] for i, p in enumerate(dict.fromkeys(ranked["preprocessor"]))}
    cmap = plt.get_cmap("tab10")
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.0 * len(metrics), 3.2), squeeze=False)
    for ax, m in zip(axes[0], metrics):
        part = ranked.loc[ranked[".metric"] == m]
        for gi, g in enumerate(groups):
            for pre, marker in shapes.items():
                sel = part.loc[(part[colour_by] == g) & (part["preprocessor"] == pre)]
                if sel.empty:
                    continue
                err = std_errs * sel["std_err"].fillna(0).to_numpy(dtype=float)
                ax.errorbar(sel["rank"].to_numpy(), sel["mean"].to_numpy(dtype=float), yerr=err, fmt=marker,
                            color=cmap(gi % 10), ms=5, label=f"{g} / {pre}")
        ax.set_title(m)
        ax.set_xlabel("Workflow Rank")
        ax.set_ylabel(m)
        ax.set_xticks(np.unique(part["rank"].to_numpy()) if len(part) <= 20 else ax.get_xticks())
    handles, labels = axes[0][0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="center right", fontsize=7)
        fig.subplots_adjust(right=0.75)
    return fig
