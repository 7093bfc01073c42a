"""Free-function forms of the verbs (API.md: ``tm.fit(wf, train) == wf.fit(train)``).

Each generic calls the method of the same name on its first argument, so an object of a third
party's type works with ``tm.fit``/``tm.predict``/``tm.tidy``/``tm.autoplot`` by defining the method.
``autoplot`` also consults a small registry, for objects that are plain DataFrames (yardstick's
curves) and cannot carry a method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import InvalidParameterError

__all__ = [
    "fit",
    "predict",
    "augment",
    "multi_predict",
    "tidy",
    "glance",
    "vcov",
    "autoplot",
    "collect_metrics",
    "collect_predictions",
    "collect_notes",
    "show_best",
    "select_best",
    "select_by_one_std_err",
    "select_by_pct_loss",
    "finalize_workflow",
    "extract_fit_parsnip",
    "extract_fit_engine",
    "extract_recipe",
    "extract_spec_parsnip",
    "extract_preprocessor",
    "extract_parameter_set_dials",
    "set_engine",
    "set_mode",
    "set_args",
    "add_model",
    "add_recipe",
    "add_formula",
    "register_autoplot",
]

_AUTOPLOTS: list[tuple[Callable[[Any], bool], Callable[..., Any]]] = []


def _generic(name: str, doc: str) -> Callable[..., Any]:
    def verb(x: Any, *args: Any, **kwargs: Any) -> Any:
        method = getattr(x, name, None)
        if method is None or not callable(method):
            raise InvalidParameterError(
                f"{name}() does not know objects of type {type(x).__name__}; "
                f"it calls the `{name}` method of its first argument, which this object lacks."
            )
        return method(*args, **kwargs)

    verb.__name__ = verb.__qualname__ = name
    verb.__doc__ = (
        f"{doc}\n\nCalls ``x.{name}(*args, **kwargs)``; see the method of the object's class.\n"
    )
    return verb


fit = _generic("fit", "Fit a model specification, workflow or other fittable object.")
predict = _generic("predict", "Predict from a fitted model or workflow (R column names).")
augment = _generic("augment", "Bind predictions to new data (R: ``augment()``).")
multi_predict = _generic("multi_predict", "Predictions at several submodel values from one fit (R: ``multi_predict``).")
tidy = _generic("tidy", "Summarise an object as a DataFrame (R: ``broom::tidy``).")
glance = _generic("glance", "One row of model statistics (R: ``broom::glance``).")
vcov = _generic("vcov", "The covariance matrix of a model's coefficients (R: ``stats::vcov``).")
collect_metrics = _generic("collect_metrics", "Collect the resampled metrics of tuning results.")
collect_predictions = _generic("collect_predictions", "Collect held-out predictions of tuning results.")
collect_notes = _generic("collect_notes", "Collect the warnings and errors recorded while tuning.")
show_best = _generic("show_best", "The best configurations of tuning results for one metric.")
select_best = _generic("select_best", "The parameters of the best configuration.")
select_by_one_std_err = _generic("select_by_one_std_err", "The simplest model within one SE of the best.")
select_by_pct_loss = _generic("select_by_pct_loss", "The simplest model within a % loss of the best.")
finalize_workflow = _generic("finalize_workflow", "Replace ``tune()`` placeholders by values.")
extract_fit_parsnip = _generic("extract_fit_parsnip", "The parsnip ``ModelFit`` inside a fitted workflow.")
extract_fit_engine = _generic("extract_fit_engine", "The engine's own fitted object.")
extract_recipe = _generic("extract_recipe", "The (prepped) recipe of a workflow.")
extract_spec_parsnip = _generic("extract_spec_parsnip", "The model specification of a workflow.")
extract_preprocessor = _generic("extract_preprocessor", "The recipe or formula of a workflow.")
extract_parameter_set_dials = _generic("extract_parameter_set_dials", "The tunable parameters as a set.")
set_engine = _generic("set_engine", "Choose the engine of a model specification.")
set_mode = _generic("set_mode", "Choose the mode of a model specification.")
set_args = _generic("set_args", "Change arguments of a model specification.")
add_model = _generic("add_model", "Add a model specification to a workflow.")
add_recipe = _generic("add_recipe", "Add a recipe to a workflow.")
add_formula = _generic("add_formula", "Add a formula preprocessor to a workflow.")


def register_autoplot(predicate: Callable[[Any], bool], plot: Callable[..., Any]) -> None:
    """Teach :func:`autoplot` to draw objects for which ``predicate(obj)`` is true.

    Used for objects that cannot have a method, such as the DataFrames ``roc_curve()`` returns.
    """
    _AUTOPLOTS.append((predicate, plot))


def autoplot(x: Any, *args: Any, **kwargs: Any) -> Any:
    """Draw an object with matplotlib (R: ``ggplot2::autoplot``); returns the Figure.

    Dispatches to a registered plotter or to ``x.autoplot(...)``.
    """
    for predicate, plot in reversed(_AUTOPLOTS):
        if predicate(x):
            return plot(x, *args, **kwargs)
    method = getattr(x, "autoplot", None)
    if method is None:
        raise InvalidParameterError(
            f"autoplot() does not know objects of type {type(x).__name__}. It draws tabnet_explain() "
            "results, tuning results, conf_mat() and the curves of roc_curve()/pr_curve()/gain_curve()/"
            "lift_curve()."
        )
    return method(*args, **kwargs)
