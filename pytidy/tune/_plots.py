"""``autoplot()`` of tuning results: mean performance against each parameter (R: ``plot_marginals``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import require
from ..errors import InvalidParameterError

__all__ = ["plot_marginals", "plot_parameters", "plot_performance"]


def _log_scale(res: Any, param: str) -> bool:
    """Use a log axis for parameters whose dials object has a log transform."""
    pset = res.parameters
    if pset is None:
        return False
    try:
        frame = pset.to_frame()
        obj = frame.loc[frame["id"] == param, "object"].iloc[0]
    except Exception:  # noqa: BLE001 - a set without this layout simply gets a linear axis
        return False
    trans = getattr(obj, "trans", None)
    name = getattr(trans, "name", "") or ""
    return "log" in str(name)


def plot_marginals(res: Any, metric: str | list[str] | None = None, **kwargs: Any) -> Any:
    """One panel per (metric, parameter): the mean of each configuration, with +/- 1 std error."""
    plt = require("matplotlib.pyplot", "plots", "autoplot() of tuning results")
    summary = res.collect_metrics()
    metrics = list(dict.fromkeys(summary[".metric"]))
    if metric is not None:
        wanted = [metric] if isinstance(metric, str) else list(metric)
        bad = [m for m in wanted if m not in metrics]
        if bad:
            raise InvalidParameterError(f"autoplot(): metric(s) {bad} are not in the results; choose from {metrics}.")
        metrics = wanted
    params = list(res.param_names)
    if not params:
        raise InvalidParameterError("autoplot() needs tuned parameters; these results come from fit_resamples().")
    fig, axes = plt.subplots(len(metrics), len(params), figsize=(3.2 * len(params), 2.6 * len(metrics)),
                             squeeze=False)
    for r, m in enumerate(metrics):
        part = summary.loc[summary[".metric"] == m]
        for c, p in enumerate(params):
            ax = axes[r][c]
            x = part[p].to_numpy()
            y = part["mean"].to_numpy(dtype=float)
            numeric = np.issubdtype(np.asarray(x).dtype, np.number)
            if numeric:
                ax.errorbar(x, y, yerr=part["std_err"].fillna(0).to_numpy(dtype=float), fmt="o", ms=4, alpha=0.8)
                if _log_scale(res, p):
                    ax.set_xscale("log")
            else:
                labels = [str(v) for v in x]
                ax.plot(labels, y, "o")
            if r == len(metrics) - 1:
                ax.set_xlabel(p)
            if c == 0:
                ax.set_ylabel(m)
    fig.tight_layout()
    return fig


def _check_iterative(res: Any, kind: str) -> Any:
    summary = res.collect_metrics()
    if ".iter" not in summary.columns:
        raise InvalidParameterError(
            f"autoplot(type={kind!r}) is for iterative search results (tune_bayes(), tune_sim_anneal()), "
            "which have an `.iter` column; use type='marginals' for grid results."
        )
    return summary


def plot_parameters(res: Any, **kwargs: Any) -> Any:
    """Each tuned parameter against the iteration (R: ``autoplot(type = "parameters")``).

    One panel per parameter; a parameter with a log transform in the stored parameter set gets a
    log y axis (R plots such parameters on the transformed scale).
    """
    plt = require("matplotlib.pyplot", "plots", "autoplot() of tuning results")
    summary = _check_iterative(res, "parameters")
    params = list(res.param_names)
    key = summary.drop_duplicates([".iter", ".config"]).sort_values(".iter", kind="stable")
    fig, axes = plt.subplots(1, len(params), figsize=(3.2 * len(params), 2.8), squeeze=False)
    for c, p in enumerate(params):
        ax = axes[0][c]
        y = key[p].to_numpy()
        if np.issubdtype(np.asarray(y).dtype, np.number):
            ax.plot(key[".iter"].to_numpy(), y, "o", ms=4)
            if _log_scale(res, p):
                ax.set_yscale("log")
        else:
            ax.plot(key[".iter"].to_numpy(), [str(v) for v in y], "o", ms=4)
        ax.set_xlabel("Iteration")
        ax.set_title(p)
    fig.tight_layout()
    return fig


def plot_performance(res: Any, metric: str | list[str] | None = None, **kwargs: Any) -> Any:
    """Mean performance +/- one standard error against the iteration (R: ``autoplot(type = "performance")``)."""
    plt = require("matplotlib.pyplot", "plots", "autoplot() of tuning results")
    summary = _check_iterative(res, "performance")
    metrics = list(dict.fromkeys(summary[".metric"]))
    if metric is not None:
        wanted = [metric] if isinstance(metric, str) else list(metric)
        bad = [m for m in wanted if m not in metrics]
        if bad:
            raise InvalidParameterError(f"autoplot(): metric(s) {bad} are not in the results; choose from {metrics}.")
        metrics = wanted
    fig, axes = plt.subplots(len(metrics), 1, figsize=(4.5, 2.6 * len(metrics)), squeeze=False)
    for r, m in enumerate(metrics):
        part = summary.loc[summary[".metric"] == m].sort_values(".iter", kind="stable")
        ax = axes[r][0]
        ax.errorbar(part[".iter"].to_numpy(), part["mean"].to_numpy(dtype=float),
                    yerr=part["std_err"].fillna(0).to_numpy(dtype=float), fmt="o", ms=4)
        ax.set_ylabel(m)
        if r == len(metrics) - 1:
            ax.set_xlabel("Iteration")
    fig.tight_layout()
    return fig
