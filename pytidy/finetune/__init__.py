"""finetune: racing methods for efficient grid search (R: ``finetune``).

``tune_race_anova`` evaluates every candidate on a few resamples, then drops the ones a
repeated-measures ANOVA shows to be worse than the current best; ``tune_race_win_loss`` drops
them by a Bradley-Terry model of head-to-head wins; ``tune_sim_anneal`` searches by simulated
annealing.
"""

from .control_race import ControlRace, control_race
from .control_sim_anneal import ControlSimAnneal, control_sim_anneal
from .results import TuneRace
from .tune_race_anova import tune_race_anova
from .tune_race_win_loss import tune_race_win_loss
from .tune_sim_anneal import tune_sim_anneal
from . import _workflow_verbs  # noqa: F401  (installs the Workflow methods)

__all__ = ["ControlRace", "control_race", "tune_race_anova", "TuneRace"]
__all__ += ["ControlSimAnneal", "control_sim_anneal", "tune_sim_anneal", "tune_race_win_loss"]
