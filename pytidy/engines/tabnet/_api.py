"""The public TabNet verbs as torch-free wrappers: each imports the engine on its first call.

``import pytidy`` therefore does not import torch (about 2 s and 300 MB saved for users who never
fit a network). The implementations, with the full documentation, are in ``engine.py`` and
``explain.py``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fit_tabnet", "tabnet_pretrain", "tabnet_explain", "nn_prune_head", "vi", "vip"]


def fit_tabnet(x: Any, y: Any, *, seed: int, case_weights: Any = None, **config: Any) -> Any:
    """Fit a TabNet model (R: ``tabnet_fit``); see :func:`pytidy.engines.tabnet.engine.fit_tabnet`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 32)})
    >>> fit_tabnet(df, pd.Series(2 * df["a"]), seed=1, epochs=1, decision_width=4).mode
    'regression'
    """
    from .engine import fit_tabnet as impl

    return impl(x, y, seed=seed, case_weights=case_weights, **config)


def tabnet_pretrain(x: Any, y: Any = None, *, seed: int | None = None, **config: Any) -> Any:
    """Self-supervised pretraining (R: ``tabnet_pretrain``); see :func:`pytidy.engines.tabnet.engine.tabnet_pretrain`.

    Fine-tune the result with ``tabnet(...).set_engine("torch", tabnet_model=pretrained)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 32), "b": np.linspace(0, 1, 32) ** 2})
    >>> tabnet_pretrain(df, seed=1, epochs=1, decision_width=4).mode
    'pretrain'
    """
    from .engine import tabnet_pretrain as impl

    return impl(x, y, seed=seed, **config)


def tabnet_explain(object: Any, new_data: Any, normalize: bool = False) -> Any:
    """Per-observation feature masks (R: ``tabnet_explain``); see :func:`pytidy.engines.tabnet.explain.tabnet_explain`.

    ``normalize=False`` gives R's ``M_explain`` (not row-normalised); ``normalize=True`` the
    paper's ``M_agg`` (each row divided by its sum).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 32), "b": np.tile([0.0, 1.0], 16)})
    >>> fit = fit_tabnet(df, pd.Series(2 * df["a"]), seed=1, epochs=1, decision_width=4)
    >>> ex = tabnet_explain(fit, df.head(4), normalize=True)
    >>> bool(np.allclose(ex.M_explain.sum(axis=1), 1.0))
    True
    """
    from .explain import tabnet_explain as impl

    return impl(object, new_data, normalize=normalize)


def nn_prune_head(x: Any, head_size: int = 1) -> Any:
    """The network of a TabNet fit or pretrain without its head (R: ``nn_prune_head``).

    See :func:`pytidy.engines.tabnet.engine.nn_prune_head`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(-1, 1, 32)})
    >>> body = nn_prune_head(fit_tabnet(df, pd.Series(df["a"]), seed=1, epochs=1, decision_width=3))
    >>> type(body).__name__
    '_Body'
    """
    from .engine import nn_prune_head as impl

    return impl(x, head_size)


def vi(object: Any) -> Any:
    """Global variable importance of a TabNet fit (R: ``vip::vi_model``): ``Variable``, ``Importance``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 32), "b": np.tile([0.0, 1.0], 16)})
    >>> list(vi(fit_tabnet(df, pd.Series(df["a"]), seed=1, epochs=1, decision_width=4)).columns)
    ['Variable', 'Importance']
    """
    from .explain import vi as impl

    return impl(object)


def vip(object: Any, num_features: int = 10) -> Any:
    """Bar chart of the ``num_features`` most important variables (R: ``vip::vip``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": np.linspace(0, 1, 32), "b": np.tile([0.0, 1.0], 16)})
    >>> fig = vip(fit_tabnet(df, pd.Series(df["a"]), seed=1, epochs=1, decision_width=4), num_features=1)
    >>> len(fig.axes[0].patches)
    1
    """
    from .explain import vip as impl

    return impl(object, num_features)
