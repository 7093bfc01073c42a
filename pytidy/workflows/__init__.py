"""workflows: a preprocessor and a model, fitted and used together."""

from ._graph import register_serializable, unregister_serializable
from .workflow import FittedWorkflow, Workflow, load_workflow, workflow
from .workflow import (
    add_variables, extract_mold, extract_parameter_dials, glance, remove_formula, remove_model, remove_recipe,
    remove_variables, update_formula, update_model, update_recipe, update_variables,
)
from .workflow import add_case_weights, remove_case_weights, update_case_weights

__all__ = ["Workflow", "FittedWorkflow", "workflow", "load_workflow"]
__all__ += [
    "update_model", "remove_model", "update_recipe", "remove_recipe", "update_formula", "remove_formula",
    "add_variables", "update_variables", "remove_variables", "extract_mold", "extract_parameter_dials", "glance",
]
__all__ += ["register_serializable", "unregister_serializable"]
__all__ += ["add_case_weights", "update_case_weights", "remove_case_weights"]
