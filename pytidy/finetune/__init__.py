"""finetune: racing methods for efficient grid search (R: ``finetune``).

``tune_race_anova`` evaluates every candidate on a few resamples, then drops the ones a
repeated-measures ANOVA shows to be worse than the current best. ``tune_race_win_loss`` and
simulated annealing (``tune_sim_anneal``) are not part of pytidy.
"""

from .control_race import ControlRace, control_race
from .results import TuneRace
from .tune_race_anova import tune_race_anova
from . import _workflow_verbs  # noqa: F401  (installs the Workflow methods)

__all__ = ["ControlRace", "control_race", "tune_race_anova", "TuneRace"]
