"""Public conformance suites for extensions: steps (``step_checks``) and metrics (``metric_checks``).

A third-party step or metric runs the same checks as the built-in ones (R:
``recipes_extension_check()``; scikit-learn: ``parametrize_with_checks``).
"""

from .engine_checks import ENGINE_CHECKS, EngineCase, check_engine, engine_data
from .metric_checks import METRIC_CHECKS, example_data
from .step_checks import STEP_CHECKS, StepCase, check_step, conformance_data

__all__ = ["STEP_CHECKS", "StepCase", "check_step", "conformance_data", "METRIC_CHECKS", "example_data"]
__all__ += ["ENGINE_CHECKS", "EngineCase", "check_engine", "engine_data"]
