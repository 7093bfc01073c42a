"""``TuneRace``: racing results; by default only configurations that finished the race count.

R: finetune's ``collect_metrics.tune_race``, ``collect_predictions.tune_race`` and
``show_best.tune_race`` (``R/racing_helpers.R``, ``subset_finished_race``).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from attrs import field, frozen

from .._converters import as_tuple
from ..errors import PytidyWarning
from ..tune.results import TuneResults

__all__ = ["TuneRace"]


@frozen(eq=False)
class TuneRace(TuneResults):
    """Results of :func:`tune_race_anova` (R class ``tune_race``).

    Besides the fields of :class:`~pytidy.tune.TuneResults`: ``order`` (R's ``.order``, the
    1-based position of each resample in the shuffled race order) and ``race_metric`` (the metric
    the race was decided on, the first of the metric set).
    """

    order: tuple = field(factory=tuple, converter=as_tuple)
    race_metric: str = ""

    def finished_configs(self) -> list[str]:
        """The configurations evaluated on every resample (R: ``subset_finished_race``)."""
        full = TuneResults.collect_metrics(self)
        return sorted(set(full.loc[full["n"] == full["n"].max(), ".config"]))

    def collect_metrics(self, summarize: bool = True, type: str = "long", all_configs: bool = False) -> pd.DataFrame:
        """As :meth:`TuneResults.collect_metrics`, for finished configurations unless ``all_configs``.

        Comparing means over different resamples would mislead, so R keeps only the
        configurations that were resampled completely.
        """
        res = super().collect_metrics(summarize=summarize, type=type)
        if not all_configs:
            res = res.loc[res[".config"].isin(self.finished_configs())].reset_index(drop=True)
        return res

    def collect_predictions(self, summarize: bool = False, parameters: Any = None,
                            all_configs: bool = False) -> pd.DataFrame:
        """As :meth:`TuneResults.collect_predictions`, for finished configurations unless ``all_configs``."""
        res = super().collect_predictions(summarize=summarize, parameters=parameters)
        if not all_configs:
            res = res.loc[res[".config"].isin(self.finished_configs())].reset_index(drop=True)
        return res

    def _filter_perf_metrics(self, metric: str) -> pd.DataFrame:
        res = super()._filter_perf_metrics(metric)
        return res.loc[res[".config"].isin(self.finished_configs())].reset_index(drop=True)

    def _warn_metric(self, metric: Any) -> None:
        if metric is None:
            return
        first = metric[0] if isinstance(metric, (list, tuple)) else metric
        if first != self.race_metric and first in [m.name for m in self.metric_set.metrics]:
            warnings.warn(
                f'Metric "{self.race_metric}" was used to evaluate model candidates in the race but "{first}" has '
                "been chosen to rank the candidates. These results may not agree with the race.",
                PytidyWarning,
                stacklevel=3,
            )

    def show_best(self, metric: str | None = None, n: int = 5, eval_time: Any = None) -> pd.DataFrame:
        """The best finished configurations (R: ``show_best.tune_race``).

        Warns when ``metric`` is not the metric the race was decided on.
        """
        self._warn_metric(metric)
        return super().show_best(metric, n=n)

    def select_best(self, metric: str | None = None, eval_time: Any = None) -> pd.DataFrame:
        """The best finished configuration (R: ``select_best`` via ``show_best.tune_race``)."""
        self._warn_metric(metric)
        return super().select_best(metric)

    def to_frame(self) -> pd.DataFrame:
        out = super().to_frame()
        out.insert(1 + len(self.id_names), ".order", np.asarray(self.order, dtype=np.int64))
        return out
