"""workflows: a preprocessor and a model, fitted and used together."""

from ._graph import register_serializable, unregister_serializable
from .workflow import FittedWorkflow, Workflow, load_workflow, workflow

__all__ = ["Workflow", "FittedWorkflow", "workflow", "load_workflow", "register_serializable",
           "unregister_serializable"]
