"""Confusion matrices (R: ``yardstick/R/conf_mat.R``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen
from pandas.core.groupby import DataFrameGroupBy

from .._converters import as_list
from .._checks import check_columns
from ..errors import InvalidParameterError
from ._validation import as_weights, encode_pair, missing_mask, weights_missing
from .metric import confusion_table

__all__ = ["ConfMat", "conf_mat"]


@frozen(eq=False)
class ConfMat:
    """A confusion matrix: ``table[i, j]`` counts predictions of level ``i`` whose truth is level ``j``.

    Attributes
    ----------
    table : numpy.ndarray
        Square count table, rows = prediction, columns = truth (R: ``table(estimate, truth)``).
    levels : list
        The class levels, in order.
    dnn : tuple of str
        Names of the row and column dimensions, ``("Prediction", "Truth")`` by default.
    """

    table: np.ndarray
    levels: list[Any] = field(converter=as_list)
    dnn: tuple[str, str] = ("Prediction", "Truth")

    def to_frame(self) -> pd.DataFrame:
        """The table as a DataFrame with the levels as index (Prediction) and columns (Truth)."""
        idx = pd.Index(self.levels, name=self.dnn[0])
        cols = pd.Index(self.levels, name=self.dnn[1])
        return pd.DataFrame(self.table, index=idx, columns=cols)

    def __repr__(self) -> str:
        return f"ConfMat\n{self.to_frame()}"

    def tidy(self) -> pd.DataFrame:
        """Cells as ``name, value`` rows, ``cell_<row>_<col>`` in column-major order (R: ``tidy.conf_mat``).

        Examples
        --------
        >>> cm = conf_mat(pd.DataFrame({"t": ["a", "b", "b"], "p": ["a", "a", "b"]}), "t", "p")
        >>> cm.tidy()
             name  value
        0  cell_1_1    1.0
        1  cell_2_1    0.0
        2  cell_1_2    1.0
        3  cell_2_2    1.0
        """
        k = self.table.shape[0]
        names = [f"cell_{i + 1}_{j + 1}" for j in range(k) for i in range(k)]
        return pd.DataFrame({"name": names, "value": self.table.T.ravel()})

    def summary(self, prevalence: float | None = None, beta: float = 1.0, estimator: str | None = None,
                event_level: str = "first") -> pd.DataFrame:
        """The 13 metrics of R's ``summary.conf_mat()``, one row each.

        accuracy, kap, sens, spec, ppv, npv, mcc, j_index, bal_accuracy, detection_prevalence,
        precision, recall, f_meas.

        Examples
        --------
        >>> cm = conf_mat(pd.DataFrame({"t": ["a", "b", "b", "a"], "p": ["a", "a", "b", "a"]}), "t", "p")
        >>> cm.summary()[".metric"].tolist()[:4]
        ['accuracy', 'kap', 'sens', 'spec']
        """
        from . import (accuracy, bal_accuracy, detection_prevalence, f_meas, j_index, kap, mcc, npv, ppv,
                       precision, recall, sens, spec)

        common: dict[str, Any] = {"estimator": estimator, "event_level": event_level}
        rows = [
            accuracy(self), kap(self), sens(self, **common), spec(self, **common),
            ppv(self, prevalence=prevalence, **common), npv(self, prevalence=prevalence, **common),
            mcc(self), j_index(self, **common), bal_accuracy(self, **common),
            detection_prevalence(self, **common), precision(self, **common), recall(self, **common),
            f_meas(self, beta=beta, **common),
        ]
        return pd.concat(rows, ignore_index=True)

    def autoplot(self, type: str = "heatmap") -> Any:
        """Draw the matrix as a ``"heatmap"`` or a ``"mosaic"`` plot (matplotlib Figure)."""
        from ._plots import plot_conf_mat

        return plot_conf_mat(self, type=type)


def conf_mat(data: Any, truth: str, estimate: str, *, dnn: tuple[str, str] = ("Prediction", "Truth"),
             case_weights: Any = None) -> ConfMat | pd.DataFrame:
    """Cross-tabulate predicted and true classes (R: ``conf_mat()``).

    Parameters
    ----------
    data : DataFrame or DataFrameGroupBy
        A grouped frame gives a DataFrame with the group columns and a ``conf_mat`` column.
    truth, estimate : str
        Columns of true and predicted classes.
    dnn : tuple of str
        Dimension names.
    case_weights : str or array-like, optional
        Weights to sum instead of counts. Rows with missing values are dropped.

    Examples
    --------
    >>> df = pd.DataFrame({"t": ["a", "b", "b", "a"], "p": ["a", "a", "b", "a"]})
    >>> conf_mat(df, "t", "p").table.tolist()
    [[2.0, 1.0], [0.0, 1.0]]
    """
    if isinstance(data, DataFrameGroupBy):
        keys = data.keys
        names = [keys] if isinstance(keys, str) else list(keys)
        rows = []
        for key, sub in data:
            key = key if isinstance(key, tuple) else (key,)
            rows.append({**dict(zip(names, key)), "conf_mat": conf_mat(sub, truth, estimate, dnn=dnn,
                                                                      case_weights=case_weights)})
        return pd.DataFrame(rows)
    if not isinstance(data, pd.DataFrame):
        raise InvalidParameterError(f"conf_mat() needs a DataFrame as `data`; got {type(data).__name__}.")
    if not (isinstance(dnn, tuple | list) and len(dnn) == 2):
        raise InvalidParameterError(f"`dnn` in conf_mat() must be two names; got {dnn!r}.")
    wcol = [case_weights] if isinstance(case_weights, str) else []
    check_columns(data, [truth, estimate, *wcol], "conf_mat()")
    t, e, levels = encode_pair(data[truth], data[estimate], "conf_mat()")
    w = as_weights(data[case_weights] if wcol else case_weights, t.size, "conf_mat()")
    miss = missing_mask(t < 0, e < 0, weights_missing(w))
    if miss is not None:
        keep = ~miss
        t, e, w = t[keep], e[keep], (None if w is None else w[keep])
    return ConfMat(confusion_table(t, e, len(levels), w), levels, (dnn[0], dnn[1]))  # two names, checked above
