"""TabNet's explanations: masks, ``M_explain``, importances, and their plots.

R: mlverse/tabnet ``R/explain.R`` (``tabnet_explain``, ``explain_impl``, ``sum_embedding_masks``,
``compute_feature_importance``, ``vi_model.tabnet_fit``) and ``R/plot.R``
(``autoplot.tabnet_explain``). ``M_explain`` is ``sum_steps M_step * sum_c ReLU(d_c)``, not
row-normalised (the paper's ``M_agg`` divides each row by its sum); each step mask row sums to 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch
from attrs import field, frozen

from ..._converters import as_list
from ..._checks import check_choice, check_number, require
from ...errors import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    from .engine import TabNetFit
    from .model import TabNetNetwork

__all__ = ["TabnetExplain", "tabnet_explain", "vi", "vip", "compute_masks", "compute_importances"]

EXPLAIN_BATCH = 65_536


@torch.inference_mode()
def compute_masks(network: Any, x: torch.Tensor, *, batch_size: int = EXPLAIN_BATCH,
                  device: str = "cpu") -> tuple[np.ndarray, list[np.ndarray]]:
    """``M_explain`` and the step masks of ``x``, one column per predictor (embeddings summed back).

    Runs in eval mode under ``no_grad`` in batches, writing into preallocated arrays (pytorch-tabnet
    stacks a copy per batch, quadratic in rows).
    """
    was_training = network.training
    network.eval()
    try:
        n = x.shape[0]
        p = network.embedder.input_dim
        n_steps = network.encoder.n_steps
        m_explain = np.empty((n, p), dtype=np.float32)
        masks = [np.empty((n, p), dtype=np.float32) for _ in range(n_steps)]
        group = network.embedder.expand_idx.to(device)
        for start in range(0, n, batch_size):
            xb = x[start:start + batch_size].to(device)
            m, steps = network.forward_masks(xb)
            stop = start + xb.shape[0]
            m_explain[start:stop] = _sum_groups(m, group, p)
            for k, mk in enumerate(steps):
                masks[k][start:stop] = _sum_groups(mk, group, p)
        return m_explain, masks
    finally:
        network.train(was_training)


def _sum_groups(m: torch.Tensor, group: torch.Tensor, p: int) -> np.ndarray:
    """Sum embedded columns back to their predictor (R: ``sum_embedding_masks``)."""
    if m.shape[1] != p:
        m = m.new_zeros(m.shape[0], p).index_add_(1, group, m)
    return m.to("cpu").numpy()


def compute_importances(network: TabNetNetwork, x: torch.Tensor, names: list[str], *,
                        sample_size: int | None, seed: int, device: str = "cpu") -> pd.Series:
    """``colSums(M_explain) / sum(M_explain)`` over the training rows (R: ``compute_feature_importance``).

    With ``sample_size=None`` and at most 100,000 rows every row is used once. Otherwise
    ``min(sample_size or 1e5, n)`` rows are drawn with replacement (R draws with replacement
    even for small sets).
    """
    n = x.shape[0]
    if sample_size is not None or n > 100_000:
        size = min(int(sample_size) if sample_size is not None else 100_000, n)
        gen = torch.Generator().manual_seed(seed)
        idx = torch.randint(0, n, (size,), generator=gen)
        x = x.index_select(0, idx.to(x.device))
    m_explain, _ = compute_masks(network, x, device=device)
    col = m_explain.astype(np.float64).sum(axis=0)
    total = col.sum()
    imp = col / total if total > 0 else np.full(len(col), 1.0 / len(col))
    return pd.Series(imp, index=pd.Index(names, name="variables"), name="importance")


@frozen(eq=False)
class TabnetExplain:
    """Interpretation of a TabNet fit on some rows (R: class ``tabnet_explain``).

    Attributes
    ----------
    M_explain : DataFrame
        One row per observation, one column per predictor: the aggregated mask.
    masks : list of DataFrame
        One per decision step, same shape; each row sums to 1.
    """

    M_explain: pd.DataFrame
    masks: list[pd.DataFrame] = field(converter=as_list)

    def autoplot(self, type: str = "mask_agg", quantile: float = 1.0) -> Any:
        """Heatmap of the masks, observation x variable (R: ``autoplot.tabnet_explain``).

        Parameters
        ----------
        type : {"mask_agg", "steps"}
            "mask_agg" draws ``M_explain``; "steps" one panel per step mask.
        quantile : float in (0, 1]
            Values above this quantile (per step for "steps") are clipped to it, to keep a few
            large values from washing out the colour scale.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> ex = TabnetExplain(pd.DataFrame({"a": [0.2, 0.0], "b": [0.5, 1.0]}),
        ...                    [pd.DataFrame({"a": [0.3, 0.0], "b": [0.7, 1.0]})])
        >>> fig = ex.autoplot(type="steps")
        >>> len(fig.axes)
        2
        """
        check_choice(type, "type", "autoplot() of a tabnet_explain", ["mask_agg", "steps"])
        check_number(quantile, "quantile", "autoplot() of a tabnet_explain", lower=0.0, upper=1.0,
                     inclusive=(False, True))
        plt = require("matplotlib.pyplot", "plots", "autoplot() of a tabnet_explain")
        panels = ([("mask_aggregate", self.M_explain)] if type == "mask_agg"
                  else [(f"Step {i + 1}", m) for i, m in enumerate(self.masks)])
        ncol = min(len(panels), 3)
        nrow = -(-len(panels) // ncol)
        fig, axes = plt.subplots(nrow, ncol, figsize=(4.5 * ncol, 0.25 * self.M_explain.shape[1] * nrow + 1.5),
                                 squeeze=False, constrained_layout=True)
        for ax in axes.ravel()[len(panels):]:
            ax.set_visible(False)
        for ax, (title, frame) in zip(axes.ravel(), panels):
            values = frame.to_numpy(dtype=float)
            if values.size:
                values = np.minimum(values, np.quantile(values, quantile))
            image = ax.imshow(values.T, aspect="auto", cmap="viridis", interpolation="nearest")
            ax.set_yticks(range(frame.shape[1]), labels=list(frame.columns))
            ax.set_xlabel("observation")
            ax.set_title(title)
            fig.colorbar(image, ax=ax, label="mask_agg")
        plt.close(fig)
        return fig

    def __repr__(self) -> str:
        n, p = self.M_explain.shape
        return f"<tabnet_explain: {n} observations x {p} predictors, {len(self.masks)} steps>"


def _resolve(obj: Any, new_data: pd.DataFrame | None, verb: str) -> tuple[TabNetFit, pd.DataFrame | None]:
    """A TabNetFit plus the predictor columns of ``new_data`` from a fit, a parsnip fit or a workflow."""
    from .engine import TabNetFit

    if isinstance(obj, TabNetFit):
        return obj, new_data
    if hasattr(obj, "forge_predictors") and hasattr(obj, "extract_fit_parsnip"):  # a fitted workflow
        parsnip = obj.extract_fit_parsnip()
        fit, _ = _resolve(parsnip, None, verb)
        return fit, (obj.forge_predictors(new_data) if new_data is not None else None)
    inner = getattr(obj, "fit", None)
    if isinstance(inner, TabNetFit) and hasattr(obj, "predictors"):  # a parsnip ModelFit
        if new_data is None:
            return inner, None
        if not isinstance(new_data, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` in {verb} must be a pandas DataFrame; got "
                                        f"{type(new_data).__name__}.")
        forge = getattr(obj, "forge", None)
        if callable(forge):
            return inner, forge(new_data)
        return inner, new_data.loc[:, list(obj.predictors)]
    raise InvalidParameterError(
        f"{verb} is not defined for a {type(obj).__name__!r}; pass a TabNet fit: the result of "
        "fit() on tabnet() (or its workflow), or of fit_tabnet()."
    )


def tabnet_explain(object: Any, new_data: pd.DataFrame, normalize: bool = False) -> TabnetExplain:
    """Per-observation feature masks of a TabNet model (R: ``tabnet_explain(object, new_data)``).

    Parameters
    ----------
    object : TabNetFit, parsnip ModelFit or fitted Workflow
        A TabNet fit or a :func:`tabnet_pretrain` result; a workflow's preprocessing is applied to
        ``new_data`` first.
    new_data : DataFrame
        Rows to explain; columns that are not predictors (the outcome, say) are ignored.
    normalize : bool, default False
        False gives R's ``M_explain``, ``sum_steps M_step * sum_c ReLU(d_c)``, not normalised.
        True divides each row by its sum: the paper's ``M_agg`` (and pytorch-tabnet's
        ``explain(normalize=True)``); a row whose sum is 0 stays 0.

    Returns
    -------
    TabnetExplain
        ``M_explain`` (observation x predictor) and ``masks`` (one frame per step); plot it with
        ``autoplot(ex)`` or ``ex.autoplot(type="steps")``.

    Examples
    --------
    >>> from pytidy.engines.tabnet import fit_tabnet
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 64), "b": np.tile([0.0, 1.0], 32)})
    >>> fit = fit_tabnet(df, pd.Series(2 * df["a"]), seed=1, epochs=1, batch_size=32,
    ...                  virtual_batch_size=16, decision_width=4)
    >>> ex = tabnet_explain(fit, df.head(5))
    >>> ex.M_explain.shape, len(ex.masks)
    ((5, 2), 3)
    >>> bool(np.allclose(ex.masks[0].sum(axis=1), 1.0))
    True
    """
    if not isinstance(normalize, (bool, np.bool_)):
        raise InvalidParameterError(f"`normalize` in tabnet_explain() must be True or False; got {normalize!r}.")
    fit, x = _resolve(object, new_data, "tabnet_explain()")
    m_explain, masks = fit.explain(x, normalize=bool(normalize))
    return TabnetExplain(m_explain, masks)


def vi(object: Any) -> pd.DataFrame:
    """Global variable importance of a TabNet fit (R: ``vip::vi_model`` on a tabnet fit).

    Returns
    -------
    DataFrame
        ``Variable`` and ``Importance`` (summing to 1), sorted by decreasing importance.

    Examples
    --------
    >>> from pytidy.engines.tabnet import fit_tabnet
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 64), "b": np.tile([0.0, 1.0], 32)})
    >>> fit = fit_tabnet(df, pd.Series(2 * df["a"]), seed=1, epochs=1, batch_size=32,
    ...                  virtual_batch_size=16, decision_width=4)
    >>> out = vi(fit)
    >>> list(out.columns), round(float(out["Importance"].sum()), 6)
    (['Variable', 'Importance'], 1.0)
    """
    fit, _ = _resolve(object, None, "vi()")
    if fit.importances is None:
        raise InvalidParameterError(
            "This TabNet fit has no importances: it was fitted with skip_importance=True. "
            "Refit with skip_importance=False, or use tabnet_explain() on some rows."
        )
    imp = fit.importances.sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"Variable": [str(v) for v in imp.index], "Importance": imp.to_numpy(dtype=float)})


def vip(object: Any, num_features: int = 10) -> Any:
    """Bar chart of the ``num_features`` most important variables (R: ``vip::vip``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from pytidy.engines.tabnet import fit_tabnet
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 64), "b": np.tile([0.0, 1.0], 32)})
    >>> fit = fit_tabnet(df, pd.Series(2 * df["a"]), seed=1, epochs=1, batch_size=32,
    ...                  virtual_batch_size=16, decision_width=4)
    >>> fig = vip(fit, num_features=1)
    >>> len(fig.axes[0].patches)
    1
    """
    check_number(num_features, "num_features", "vip()", lower=1, integer=True)
    table = vi(object).head(num_features)
    plt = require("matplotlib.pyplot", "plots", "vip()")
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(table) + 1.2), constrained_layout=True)
    ax.barh(table["Variable"][::-1], table["Importance"][::-1], color="grey")
    ax.set_xlabel("Importance")
    plt.close(fig)
    return fig
