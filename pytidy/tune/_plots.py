"""``autoplot()`` of tuning results: mean performance against each parameter (R: ``plot_marginals``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import require
from ..errors import InvalidParameterError

__all__ = ["plot_marginals"]


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
