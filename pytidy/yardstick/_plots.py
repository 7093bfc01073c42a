"""matplotlib drawings of curves and confusion matrices (R: ``autoplot.roc_df`` and friends).

Registered with :func:`pytidy.generics.register_autoplot` when :mod:`pytidy.yardstick` is imported;
matplotlib itself is imported only when a plot is drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_choice, require
from ..generics import register_autoplot

_AXES = {
    "roc": ("1 - specificity", "sensitivity"),
    "pr": ("recall", "precision"),
    "gain": ("% Tested", "% Found"),
    "lift": ("% Tested", "Lift"),
}


def is_curve(x: Any) -> bool:
    return isinstance(x, pd.DataFrame) and x.attrs.get("yardstick_curve") in _AXES


def _xy(kind: str, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if kind == "roc":
        return 1 - df["specificity"].to_numpy(), df["sensitivity"].to_numpy()
    if kind == "pr":
        return df["recall"].to_numpy(), df["precision"].to_numpy()
    if kind == "gain":
        return df[".percent_tested"].to_numpy(), df[".percent_found"].to_numpy()
    keep = df[".n_events"] > 0
    return df.loc[keep, ".percent_tested"].to_numpy(), df.loc[keep, ".lift"].to_numpy()


def plot_curve(df: pd.DataFrame, **kwargs: Any) -> Any:
    """Draw a curve from roc_curve()/pr_curve()/gain_curve()/lift_curve(); one panel per ``.level``."""
    plt = require("matplotlib.pyplot", "plots", "autoplot()")
    kind = df.attrs["yardstick_curve"]
    groups = df.attrs.get("yardstick_groups", [])
    panels = list(dict.fromkeys(df[".level"])) if ".level" in df.columns else [None]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 4), squeeze=False)
    for ax, level in zip(axes[0], panels):
        part = df if level is None else df[df[".level"] == level]
        sets = [(None, part)] if not groups else list(part.groupby(groups, sort=False))
        for key, sub in sets:
            x, y = _xy(kind, sub)
            ax.plot(x, y, label=None if key is None else "_".join(map(str, np.atleast_1d(key))))
        if kind == "roc":
            ax.plot([0, 1], [0, 1], linestyle=":", color="grey")
            ax.set_aspect("equal")
        elif kind == "lift":
            ax.axhline(1.0, linestyle=":", color="grey")
        elif kind == "gain":
            g = part
            perfect = 100 * g[".n_events"].max() / g[".n"].max() if g[".n"].max() > 0 else 100
            ax.fill([0, perfect, 100], [0, 100, 100], color="lightgrey", alpha=0.4)
        ax.set_xlabel(_AXES[kind][0])
        ax.set_ylabel(_AXES[kind][1])
        if level is not None:
            ax.set_title(str(level))
        if groups:
            ax.legend(title="_".join(groups))
    fig.tight_layout()
    return fig


def plot_conf_mat(cm: Any, type: str = "heatmap") -> Any:
    """Heatmap or mosaic plot of a :class:`ConfMat` (R: ``autoplot.conf_mat``)."""
    check_choice(type, "type", "autoplot() of a conf_mat", ["heatmap", "mosaic"])
    plt = require("matplotlib.pyplot", "plots", "autoplot()")
    table = cm.table
    labels = [str(v) for v in cm.levels]
    fig, ax = plt.subplots(figsize=(5, 5))
    if type == "heatmap":
        ax.imshow(table, cmap="Greys", alpha=0.6)
        for i in range(table.shape[0]):
            for j in range(table.shape[1]):
                ax.text(j, i, f"{table[i, j]:g}", ha="center", va="center")
        ax.set_xticks(range(len(labels)), labels)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel(cm.dnn[1])
        ax.set_ylabel(cm.dnn[0])
    else:
        # Column widths = truth shares; heights within a column = prediction shares.
        col_tot = table.sum(axis=0)
        total = col_tot.sum() if col_tot.sum() > 0 else 1.0
        left = 0.0
        for j in range(table.shape[1]):
            width = col_tot[j] / total
            bottom = 0.0
            for i in range(table.shape[0]):
                h = table[i, j] / col_tot[j] if col_tot[j] > 0 else 0.0
                ax.bar(left, h, width=width, bottom=bottom, align="edge", edgecolor="white",
                       color=plt.cm.Greys(0.25 + 0.5 * (i == j)))
                bottom += h
            left += width
        ax.set_xlabel(cm.dnn[1])
        ax.set_ylabel(cm.dnn[0])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
    fig.tight_layout()
    return fig


register_autoplot(is_curve, plot_curve)
