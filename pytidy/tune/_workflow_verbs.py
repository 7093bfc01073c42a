"""Install tune's verbs as Workflow methods: ``wf.tune_grid(folds)`` is ``tune_grid(wf, folds)``.

workflows sits below tune in the layer order (docs/dev/layers.md) and does not import it; tune
adds the methods when it is imported, as R's tune defines ``tune_grid.workflow``.
"""

from __future__ import annotations

from ..workflows.workflow import install_workflow_verb
from .last_fit import last_fit
from .tune_bayes import tune_bayes
from .tune_grid import fit_resamples, tune_grid

for _verb in (tune_grid, fit_resamples, last_fit, tune_bayes):
    install_workflow_verb(_verb.__name__, _verb)
