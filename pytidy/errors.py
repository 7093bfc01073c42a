"""Exception and warning classes of pytidy.

The tree is small on purpose (formulaic's ``errors.py`` is the model): catch
:class:`PytidyError` for anything pytidy raises on purpose.
"""

from __future__ import annotations

__all__ = [
    "PytidyError",
    "NotFittedError",
    "NotTrainedError",
    "InvalidParameterError",
    "EngineNotFoundError",
    "MissingDependencyError",
    "PytidyWarning",
    "ModelFileError",
    "NotSerializableError",
]


class PytidyError(Exception):
    """Base class of every error pytidy raises on purpose."""


class NotFittedError(PytidyError, ValueError):
    """A verb that needs a fitted object got an unfitted one (parsnip, workflows)."""


class NotTrainedError(PytidyError, ValueError):
    """``bake()`` or ``tidy()`` needs a prepped recipe or step (recipes' ``check_trained``)."""


class InvalidParameterError(PytidyError, ValueError):
    """An argument has the wrong type or value; the message says what was expected."""


class EngineNotFoundError(PytidyError, LookupError):
    """No engine is registered for this model, engine name and mode."""


class MissingDependencyError(PytidyError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class PytidyWarning(UserWarning):
    """A warning that asks the user to change something."""


class ModelFileError(InvalidParameterError):
    """A model file is missing, damaged, altered, of a newer format or holds something not allowed.

    Raised by :func:`~pytidy.load_workflow` before any object is built from the file.
    """


class NotSerializableError(PytidyError, TypeError):
    """An object holds something a model file cannot store as data (a function, an unknown class).

    Raised by ``save()`` before anything is written; the message names the object and its path.
    """
