"""pytidy: tidymodels-style modelling in Python.

``import pytidy as tm`` gives the flat API of R's tidymodels: rsample, recipes, parsnip,
workflows, dials, tune, finetune and yardstick verbs, plus the TabNet engine.
"""

import logging
from typing import TYPE_CHECKING

from . import dials as _dials
from . import errors as _errors
from . import finetune as _finetune
from . import generics as _generics
from . import parsnip as _parsnip
from . import recipes as _recipes
from . import rsample as _rsample
from . import testing as _testing_pkg  # noqa: F401 - loaded before `testing()` takes the name
from . import tune as _tune_pkg
from . import workflows as _workflows
from . import workflowsets as _workflowsets
from . import yardstick as _yardstick
from ._random import set_seed
from .datasets import read_higgs
from .case_weights import *  # noqa: F401,F403
from . import case_weights as _case_weights
from .dials import *  # noqa: F401,F403
from .engines import tabnet as _tabnet
from .engines.tabnet import *  # noqa: F401,F403
from .errors import *  # noqa: F401,F403
from .finetune import *  # noqa: F401,F403
from .generics import *  # noqa: F401,F403
from .parsnip import *  # noqa: F401,F403
from .recipes import *  # noqa: F401,F403
from .rsample import *  # noqa: F401,F403
from .tune import *  # noqa: F401,F403
from .workflows import *  # noqa: F401,F403
from .workflowsets import *  # noqa: F401,F403
from .yardstick import *  # noqa: F401,F403

# `tune` and `testing` are both R verbs and pytidy subpackages: the subpackage modules are made
# callable, so `tm.tune()`, `tm.testing(split)`, `import pytidy.tune as tp` and
# `from pytidy.testing import STEP_CHECKS` all work (see _callable_modules).
from . import hardhat as _hardhat  # noqa: E402
from ._callable_modules import make_callable as _make_callable  # noqa: E402
from .hardhat import is_tune  # noqa: E402
from .rsample import testing as _testing_fn  # noqa: E402

if TYPE_CHECKING:  # type checkers see the functions the callable modules forward to
    from .hardhat import tune as tune
    from .rsample import testing as testing
else:
    tune = _make_callable("pytidy.tune", _hardhat.tune)
    testing = _make_callable("pytidy.testing", _testing_fn)

from ._version import __version__  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    # The recipe step classes (StepNormalize, ...) are not R exports, so they are not in the flat
    # namespace's __all__ or dir(); `tm.StepNormalize` still resolves, to pytidy.recipes.StepNormalize.
    if name.startswith("Step") and name in _recipes.steps.__dict__:
        return getattr(_recipes, name)
    raise AttributeError(f"module 'pytidy' has no attribute {name!r}")

# Third-party engines: each installed `pytidy.engines` entry point registers its engines (a broken
# one warns, naming it). Last, so a plugin may `import pytidy` and use the whole public API.
_parsnip.registry.load_engine_plugins()

__all__ = sorted(
    {"set_seed", "read_higgs", "tune", "is_tune"}
    | set(_errors.__all__)
    | set(_generics.__all__)
    | set(_dials.__all__)
    | set(_tabnet.__all__)
    | set(_finetune.__all__)
    | set(_parsnip.__all__)
    | set(_recipes.__all__)
    | set(_rsample.__all__)
    | set(_tune_pkg.__all__)
    | set(_workflows.__all__)
    | set(_workflowsets.__all__)
    | set(_yardstick.__all__)
    | set(_case_weights.__all__)
)
