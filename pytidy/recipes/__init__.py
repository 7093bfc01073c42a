"""recipes: the preprocessing grammar (R's {recipes}).

``recipe("y ~ .", data)`` describes variables and roles; ``rec.step_*()`` adds steps;
``rec.prep()`` trains them; ``prepped.bake(new_data)`` applies them. Steps register themselves
(see ``docs/dev/steps.md``), so ``rec.step_normalize(...)`` and ``step_normalize(rec, ...)`` are the
same function.
"""

from . import selectors as _selectors
from . import steps as _steps
from .recipe import (
    PreparedRecipe,
    Recipe,
    add_role,
    bake,
    juice,
    prep,
    recipe,
    remove_role,
    update_role,
)
from .selectors import *  # noqa: F401,F403
from .steps import *  # noqa: F401,F403



def _is_step_class(name: str) -> bool:
    # R exports step_normalize(), not a class: the Step* classes stay importable from here
    # (``from pytidy.recipes import StepNormalize``) but are not star-exported into ``pytidy``.
    obj = getattr(_steps, name, None)
    return isinstance(obj, type) and issubclass(obj, _steps.Step) and obj is not _steps.Step


__all__ = [
    "Recipe",
    "PreparedRecipe",
    "recipe",
    "prep",
    "bake",
    "juice",
    "update_role",
    "add_role",
    "remove_role",
    *[n for n in _selectors.__all__ if n != "eval_select"],
    *[n for n in _steps.__all__
      if n not in ("check_trained", "check_new_data", "check_type", "print_step", "tidy_frame", "step_class")
      and not _is_step_class(n)],
]
