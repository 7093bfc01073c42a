"""Public conformance suites for extensions: steps (``step_checks``)."""

from .step_checks import STEP_CHECKS, StepCase, check_step, conformance_data

__all__ = ["STEP_CHECKS", "StepCase", "check_step", "conformance_data"]
