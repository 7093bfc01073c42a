"""``metrics()``: the default metrics for the kind of prediction (R: ``yardstick::metrics``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import InvalidParameterError

__all__ = ["metrics"]


def metrics(data: Any, truth: str, estimate: str, *prob_cols: str, na_rm: bool = True) -> pd.DataFrame:
    """The default metrics for a prediction (R: ``metrics(data, truth, estimate, ...)``).

    A categorical ``truth`` gives ``accuracy`` and ``kap``, plus ``mn_log_loss`` and ``roc_auc``
    when probability columns follow ``estimate`` (as R's ``...``); a numeric ``truth`` gives
    ``rmse``, ``rsq`` and ``mae``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "p": [1.1, 1.9, 3.2, 3.9]})
    >>> metrics(df, "y", "p")[".metric"].tolist()
    ['rmse', 'rsq', 'mae']
    """
    from .class_accuracy import accuracy
    from .class_kap import kap
    from .metric_set import metric_set
    from .num_mae import mae
    from .num_rmse import rmse
    from .num_rsq import rsq
    from .prob_mn_log_loss import mn_log_loss
    from .prob_roc_auc import roc_auc

    frame = data.obj if hasattr(data, "obj") and hasattr(data, "groups") else data
    if not isinstance(frame, pd.DataFrame) or truth not in frame.columns:
        raise InvalidParameterError(
            f"metrics(): `data` must be a DataFrame (or grouped DataFrame) with the column {truth!r}."
        )
    column = frame[truth]
    if isinstance(column.dtype, pd.CategoricalDtype) or not pd.api.types.is_numeric_dtype(column):
        if prob_cols:
            return metric_set(accuracy, kap, mn_log_loss, roc_auc)(data, truth, *prob_cols, estimate=estimate,
                                                                   na_rm=na_rm)
        return metric_set(accuracy, kap)(data, truth, estimate=estimate, na_rm=na_rm)
    if prob_cols:
        raise InvalidParameterError(
            f"metrics(): a numeric truth ({truth!r}) takes no probability columns; got {list(prob_cols)}."
        )
    return metric_set(rmse, rsq, mae)(data, truth, estimate=estimate, na_rm=na_rm)
