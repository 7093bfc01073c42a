"""The public toolkit for writing a recipe step outside pytidy (R: recipes' developer functions).

R's recipes exports what a package needs to write its own steps (``add_step``, ``step``,
``recipes_eval_select``, ``check_type``, ``print_step``, ...); this module is pytidy's counterpart,
so a third-party step never imports a private module. ``docs/guides/new-step.md`` builds a complete
step with it.

Examples
--------
>>> from pytidy.recipes.extend import Step, register_step, select_columns
>>> sorted(n for n in __all__ if n.startswith("check"))
['check_new_data', 'check_trained', 'check_type']
"""

from __future__ import annotations

from .steps._base import (
    Step,
    StepTags,
    check_new_data,
    check_trained,
    check_type,
    register_step,
    select_columns,
    step_class,
    tidy_frame,
    untrained_terms,
)
from .steps._stats import assign_block, column_means, numeric_block

__all__ = [
    "Step", "StepTags", "step_class", "register_step", "select_columns", "check_new_data", "check_trained",
    "check_type", "tidy_frame", "untrained_terms", "assign_block", "column_means", "numeric_block",
]  # fmt: skip
