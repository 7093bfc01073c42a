"""Bundles of metrics computed in one call (R: ``yardstick/R/aaa-metric_set.R``)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from attrs import field, frozen

from ..errors import InvalidParameterError
from .metric import Metric

__all__ = ["MetricSet", "metric_set"]


def _check_metrics(metrics: tuple[Metric, ...]) -> tuple[Metric, ...]:
    metrics = tuple(metrics)
    if not metrics:
        raise InvalidParameterError("metric_set() needs at least one metric, e.g. metric_set(tm.rmse).")
    bad = [repr(m) for m in metrics if not isinstance(m, Metric)]
    if bad:
        raise InvalidParameterError(
            f"metric_set() takes Metric objects such as tm.accuracy or tm.rmse; got {', '.join(bad)}."
        )
    kinds = {m.kind for m in metrics}
    if "numeric" in kinds and len(kinds) > 1:
        listing = "\n".join(f"- {m.name} ({m.kind})" for m in metrics)
        raise InvalidParameterError(
            "metric_set() cannot mix numeric metrics with class or probability metrics. "
            "A set is either all numeric, or any mix of class and prob metrics. The metrics are:\n"
            + listing
        )
    names = [m.name for m in metrics]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InvalidParameterError(
            f"metric_set() got the metric(s) {dup} more than once; use metric_tweak() to give a variant "
            "its own name."
        )
    return metrics


@frozen(eq=False)
class MetricSet:
    """Several metrics called together; returns their rows stacked in set order.

    Attributes
    ----------
    metrics : tuple of Metric
    kinds : set of str
        The kinds of the metrics ({"numeric"} or a subset of {"class", "prob"}).

    Examples
    --------
    >>> from pytidy.yardstick import accuracy, mn_log_loss, roc_auc
    >>> df = pd.DataFrame({"y": ["a", "b", "a", "b"], "p_a": [0.8, 0.3, 0.4, 0.2],
    ...                    "cls": ["a", "b", "b", "b"]})
    >>> ms = metric_set(accuracy, roc_auc, mn_log_loss)
    >>> ms(df, "y", "p_a", estimate="cls")
           .metric .estimator  .estimate
    0     accuracy     binary   0.750000
    1      roc_auc     binary   1.000000
    2  mn_log_loss     binary   0.429813
    """

    metrics: tuple[Metric, ...] = field(converter=_check_metrics)

    @property
    def kinds(self) -> set[str]:
        return {m.kind for m in self.metrics}

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.metrics]

    def __iter__(self):
        return iter(self.metrics)

    def __len__(self) -> int:
        return len(self.metrics)

    def __repr__(self) -> str:
        body = "\n".join(f"  {m.name} ({m.kind}, {m.direction})" for m in self.metrics)
        return f"MetricSet with {len(self.metrics)} metric(s):\n{body}"

    def __call__(self, data: Any, truth: str, *columns: str, estimate: Any = None, estimator: str | None = None,
                 na_rm: bool = True, event_level: str = "first", case_weights: Any = None) -> pd.DataFrame:
        """Compute every metric.

        Numeric sets: ``ms(data, truth, estimate)`` or ``ms(data, truth, estimate=...)``.
        Class/prob sets: ``ms(data, truth, *prob_columns, estimate=<class column>)``; class metrics
        need ``estimate`` and prob metrics the probability columns.
        """
        if not isinstance(data, pd.DataFrame) and hasattr(data, "columns") and not hasattr(data, "groups"):
            from .._frames import as_frame  # polars / pyarrow frames

            data = as_frame(data, "data", "metric_set()")
        common = {"estimator": estimator, "na_rm": na_rm, "event_level": event_level,
                  "case_weights": case_weights}
        frames = []
        if self.kinds == {"numeric"}:
            for m in self.metrics:
                frames.append(m(data, truth, *columns, estimate=estimate, **common))
            return pd.concat(frames, ignore_index=True)
        kinds = self.kinds
        if "class" in kinds and estimate is None:
            names = [m.name for m in self.metrics if m.kind == "class"]
            raise InvalidParameterError(
                f"This metric set has class metrics ({', '.join(names)}), which need the predicted class "
                "column as estimate=, e.g. ms(preds, 'class', '.pred_1', estimate='.pred_class')."
            )
        if "prob" in kinds and not columns:
            names = [m.name for m in self.metrics if m.kind == "prob"]
            raise InvalidParameterError(
                f"This metric set has probability metrics ({', '.join(names)}), which need the "
                "probability column(s) after `truth`."
            )
        if "prob" not in kinds and columns:
            raise InvalidParameterError(
                f"This metric set has only class metrics; got probability columns {list(columns)}. "
                "Pass the class column as estimate=."
            )
        for m in self.metrics:
            if m.kind == "class":
                frames.append(m(data, truth, estimate=estimate, **common))
            else:
                frames.append(m(data, truth, *columns, **common))
        return pd.concat(frames, ignore_index=True)


def metric_set(*metrics: Metric) -> MetricSet:
    """Combine metrics into one callable (R: ``metric_set()``).

    A set is all numeric, or any mix of class and probability metrics; anything else raises an
    error listing each metric's kind.

    Examples
    --------
    >>> from pytidy.yardstick import mae, rmse
    >>> ms = metric_set(rmse, mae)
    >>> ms(pd.DataFrame({"y": [1.0, 2.0], "p": [1.0, 4.0]}), "y", "p")[".estimate"].round(4).tolist()
    [1.4142, 1.0]
    """
    return MetricSet(metrics)
