"""Install finetune's verbs as Workflow methods: ``wf.tune_race_anova(folds)``.

See ``pytidy/tune/_workflow_verbs.py``: workflows sits below finetune and does not import it.
"""

from __future__ import annotations

from ..workflows.workflow import install_workflow_verb
from .tune_race_anova import tune_race_anova
from .tune_race_win_loss import tune_race_win_loss
from .tune_sim_anneal import tune_sim_anneal

for _verb in (tune_race_anova, tune_race_win_loss, tune_sim_anneal):
    install_workflow_verb(_verb.__name__, _verb)
