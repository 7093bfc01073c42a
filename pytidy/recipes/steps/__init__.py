"""Recipe steps: one module per step, each registering its constructor on import.

Every public module in this folder (no leading underscore) is imported here and its ``__all__``
re-exported, so adding a step is adding a file (see ``docs/dev/steps.md``).
"""

import importlib
import pkgutil

from ._base import (
    Step,
    check_new_data,
    check_trained,
    check_type,
    print_step,
    register_step,
    registered_steps,
    step_class,
    tidy_frame,
    unregister_step,
)

__all__ = [
    "Step",
    "step_class",
    "register_step",
    "unregister_step",
    "registered_steps",
    "check_trained",
    "check_new_data",
    "check_type",
    "print_step",
    "tidy_frame",
]

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name in getattr(_module, "__all__", ()):
        globals()[_name] = getattr(_module, _name)
        if _name not in __all__:
            __all__.append(_name)
del _info, _module, _name
