"""tune: grid search over resamples, resampled fits and the final fit (R: ``tune``).

``collect_metrics``, ``show_best``, ``select_best``, ``select_by_one_std_err``,
``select_by_pct_loss``, ``collect_predictions``, ``collect_notes`` and ``finalize_workflow`` are
generic verbs (:mod:`pytidy.generics`) that call the methods of :class:`TuneResults`.
"""

from .acquisition import AcquisitionFunction, conf_bound, exp_improve, prob_improve
from .control import ControlGrid, control_grid, control_last_fit, control_resamples
from .control_bayes import ControlBayes, control_bayes
from .finalize import finalize_model, finalize_recipe
from .last_fit import last_fit
from .iteration_results import IterationResults
from .results import LastFit, TuneResults
from .tune_bayes import tune_bayes
from .tune_grid import fit_resamples, tune_grid
from . import _workflow_verbs  # noqa: F401  (installs the Workflow methods)

__all__ = [
    "ControlGrid",
    "control_grid",
    "control_resamples",
    "control_last_fit",
    "tune_grid",
    "fit_resamples",
    "last_fit",
    "TuneResults",
    "LastFit",
    "finalize_model",
    "finalize_recipe",
    "tune_bayes",
    "control_bayes",
    "ControlBayes",
    "IterationResults",
    "AcquisitionFunction",
    "exp_improve",
    "prob_improve",
    "conf_bound",
]
