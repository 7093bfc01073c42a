"""workflowsets: many preprocessors crossed with many models, tuned on the same resamples.

R: the workflowsets package (``workflow_set``, ``workflow_map``, ``rank_results``,
``collect_metrics``, ``autoplot``).
"""

from ..generics import register_autoplot as _register_autoplot
from .workflow_set import (
    WorkflowSet, comment_add, extract_workflow, extract_workflow_set_result, option_add, option_remove, rank_results,
    workflow_map, workflow_set,
)

__all__ = [
    "WorkflowSet", "workflow_set", "workflow_map", "rank_results", "option_add", "option_remove", "comment_add",
    "extract_workflow", "extract_workflow_set_result",
]

_register_autoplot(lambda x: isinstance(x, WorkflowSet), lambda x, *a, **k: x.autoplot(*a, **k))
