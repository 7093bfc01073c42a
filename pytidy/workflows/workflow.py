"""Workflows: a preprocessor and a model spec fitted together (R: workflows ``R/workflow.R``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from attrs import evolve, frozen

from .._random import SeedLike
from ..errors import InvalidParameterError, NotFittedError
from ..parsnip.fit import ModelFit, fit_formula, fit_xy
from ..parsnip.registry import get_engine
from ..parsnip.spec import ModelSpec

__all__ = ["Workflow", "FittedWorkflow", "workflow", "load_workflow"]


def _is_recipe(obj: Any) -> bool:
    return hasattr(obj, "prep") and hasattr(obj, "tunable")


@frozen
class Workflow:
    """A preprocessor (recipe or formula) plus a model specification, not yet fitted.

    Build it with :func:`workflow` and the ``add_*`` verbs; every verb returns a new workflow.
    """

    spec: ModelSpec | None = None
    recipe: Any = None
    formula: str | None = None

    # -- building -------------------------------------------------------------------------------
    def add_model(self, spec: ModelSpec, formula: str | None = None) -> Workflow:
        """Add a model specification (R: ``add_model``); ``formula`` is not supported yet.

        Examples
        --------
        >>> from pytidy import linear_reg
        >>> workflow().add_model(linear_reg()).spec.model
        'linear_reg'
        """
        if not isinstance(spec, ModelSpec):
            raise InvalidParameterError(
                f"`spec` in add_model() must be a model specification such as tabnet(); got {type(spec).__name__}."
            )
        if formula is not None:
            raise NotImplementedError("add_model(formula=) (a model formula) is not implemented in pytidy.")
        if self.spec is not None:
            raise InvalidParameterError("A model is already in the workflow; use update_model() to replace it.")
        return evolve(self, spec=spec)

    def update_model(self, spec: ModelSpec) -> Workflow:
        """Replace the model specification."""
        return evolve(self, spec=None).add_model(spec)

    def remove_model(self) -> Workflow:
        return evolve(self, spec=None)

    def add_recipe(self, recipe: Any) -> Workflow:
        """Add a recipe as the preprocessor (R: ``add_recipe``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import recipe
        >>> df = pd.DataFrame({"y": [1.0, 2.0], "x": [3.0, 4.0]})
        >>> workflow().add_recipe(recipe("y ~ .", df)).recipe is not None
        True
        """
        if not _is_recipe(recipe):
            raise InvalidParameterError(
                f"`recipe` in add_recipe() must be a recipe made with recipe(); got {type(recipe).__name__}."
            )
        if self.recipe is not None or self.formula is not None:
            raise InvalidParameterError(
                "The workflow already has a preprocessor; a workflow takes one recipe or one formula. "
                "Use update_recipe() to replace it."
            )
        return evolve(self, recipe=recipe)

    def update_recipe(self, recipe: Any) -> Workflow:
        return evolve(self, recipe=None, formula=None).add_recipe(recipe)

    def remove_recipe(self) -> Workflow:
        return evolve(self, recipe=None)

    def add_formula(self, formula: str) -> Workflow:
        """Add a formula as the preprocessor, e.g. ``"y ~ ."`` (R: ``add_formula``).

        Factor predictors are encoded as the engine asks: dummies for ``lm``/``glm``, passed
        through for TabNet (R: parsnip's ``set_encoding``).
        """
        if not isinstance(formula, str) or "~" not in formula:
            raise InvalidParameterError(f"`formula` in add_formula() must be a string like 'y ~ .'; got {formula!r}.")
        if self.recipe is not None or self.formula is not None:
            raise InvalidParameterError(
                "The workflow already has a preprocessor; a workflow takes one recipe or one formula. "
                "Use update_formula() to replace it."
            )
        return evolve(self, formula=formula)

    def update_formula(self, formula: str) -> Workflow:
        return evolve(self, recipe=None, formula=None).add_formula(formula)

    def remove_formula(self) -> Workflow:
        return evolve(self, formula=None)

    def add_variables(self, outcomes: str, predictors: list[str]) -> Workflow:
        """Name the outcome and predictor columns directly (R: ``add_variables``)."""
        if isinstance(predictors, str):
            predictors = [predictors]
        rhs = " + ".join(f"`{p}`" for p in predictors)
        return self.add_formula(f"`{outcomes}` ~ {rhs}")

    # -- extractors -----------------------------------------------------------------------------
    def extract_spec_parsnip(self) -> ModelSpec:
        if self.spec is None:
            raise InvalidParameterError("The workflow has no model; add one with add_model().")
        return self.spec

    def extract_preprocessor(self) -> Any:
        return self.recipe if self.recipe is not None else self.formula

    def extract_recipe(self, estimated: bool = True) -> Any:
        if estimated:
            raise NotFittedError("extract_recipe(estimated=True) needs a fitted workflow; call fit() first, "
                                 "or use estimated=False for the unprepped recipe.")
        return self.recipe

    def extract_fit_parsnip(self) -> ModelFit:
        raise NotFittedError("extract_fit_parsnip() needs a fitted workflow; call wf.fit(data) first.")

    def predict(self, *args: Any, **kwargs: Any) -> Any:
        raise NotFittedError("predict() needs a fitted workflow; call wf.fit(data) first.")

    @property
    def mode(self) -> str:
        return self.extract_spec_parsnip().mode

    # -- tuning ---------------------------------------------------------------------------------
    def tune_args(self) -> list[str]:
        """Ids of every ``tune()`` placeholder, model first, then recipe."""
        ids = [a["id"] for a in self.spec.tune_args()] if self.spec is not None else []
        if self.recipe is not None:
            ids += [row["id"] for row in self.recipe.tunable()]
        return ids

    def parameters(self) -> Any:
        """The tunable parameters as a dials :class:`~pytidy.dials.ParameterSet` (R: ``extract_parameter_set_dials``).

        Model parameters come first, in the model's argument order, then recipe parameters.
        """
        from ..dials import ParameterSet

        rows = []
        if self.spec is not None:
            spec = self.spec
            info = get_engine(spec.model, spec._engine_or_default(), spec._mode_or_only())
            order = {n: i for i, n in enumerate(_model_arg_order(spec))}
            for arg in sorted(spec.tune_args(), key=lambda a: order.get(a["name"], len(order))):
                make = info.tunable.get(arg["name"])
                if make is None:
                    raise InvalidParameterError(
                        f"`{arg['name']}` of {spec.model}() is set to tune() but the {spec._engine_or_default()} "
                        f"engine has no tuning parameter for it. Tunable: {sorted(info.tunable)}."
                    )
                rows.append({"name": arg["name"], "id": arg["id"], "source": "model_spec",
                             "component": spec.model, "component_id": arg["component_id"], "object": make()})
        if self.recipe is not None:
            rows += list(self.recipe.tunable())
        return ParameterSet.from_rows(rows)

    extract_parameter_set_dials = parameters

    def finalize_workflow(self, parameters: Any) -> Workflow:
        """Replace ``tune()`` placeholders by values (R: ``finalize_workflow``).

        ``parameters`` is a dict of id to value or a one-row DataFrame such as ``select_best()``
        returns (extra columns like ``.config`` are ignored).
        """
        values = _param_values(parameters)
        out = self
        if self.spec is not None:
            out = evolve(out, spec=self.spec.finalize(values))
        if self.recipe is not None and self.recipe.tunable():
            out = evolve(out, recipe=self.recipe.finalize(values))
        return out

    def tune_grid(self, resamples: Any, **kwargs: Any) -> Any:
        """Grid search over ``resamples``; see :func:`pytidy.tune_grid`."""
        from ..tune import tune_grid

        return tune_grid(self, resamples, **kwargs)

    def tune_race_anova(self, resamples: Any, **kwargs: Any) -> Any:
        """Racing with ANOVA elimination; see :func:`pytidy.tune_race_anova`."""
        from ..finetune import tune_race_anova

        return tune_race_anova(self, resamples, **kwargs)

    def fit_resamples(self, resamples: Any, **kwargs: Any) -> Any:
        """Fit and evaluate on each resample; see :func:`pytidy.fit_resamples`."""
        from ..tune import fit_resamples

        return fit_resamples(self, resamples, **kwargs)

    def last_fit(self, split: Any, **kwargs: Any) -> Any:
        """Fit on the training set and evaluate on the test set; see :func:`pytidy.last_fit`."""
        from ..tune import last_fit

        return last_fit(self, split, **kwargs)

    # -- fitting --------------------------------------------------------------------------------
    def fit(self, data: pd.DataFrame, *, seed: SeedLike = None) -> FittedWorkflow:
        """Prep the recipe (or apply the formula) on ``data`` and fit the model (R: ``fit.workflow``).

        Examples
        --------
        >>> import pandas as pd
        >>> from pytidy import linear_reg, recipe
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.0], "x": [1.0, 2.0, 3.0, 4.0]})
        >>> wf = workflow().add_model(linear_reg()).add_recipe(recipe("y ~ .", df))
        >>> wf.fit(df).predict(pd.DataFrame({"x": [5.0]}))
           .pred
        0    9.0
        """
        spec = self.extract_spec_parsnip()
        if not isinstance(data, pd.DataFrame):
            raise InvalidParameterError(f"`data` in fit() must be a pandas DataFrame; got {type(data).__name__}.")
        if self.recipe is not None:
            left = self.recipe.tunable()
            if left:
                raise InvalidParameterError(
                    f"The recipe still has tune() placeholders ({[r['id'] for r in left]}); "
                    "choose values with finalize_workflow() before fitting."
                )
            prepped = self.recipe.prep(training=data)
            baked = prepped.bake(new_data=None)
            outcomes, predictors = _roles(prepped)
            if len(outcomes) != 1:
                raise InvalidParameterError(
                    f"The recipe must have exactly one outcome for a model fit; it has {outcomes}."
                )
            fitted = fit_xy(spec, baked.loc[:, predictors], baked[outcomes[0]], seed=seed)
            return FittedWorkflow(self, prepped, fitted)
        if self.formula is not None:
            return FittedWorkflow(self, None, fit_formula(spec, self.formula, data, seed=seed))
        raise InvalidParameterError("The workflow has no preprocessor; add one with add_recipe() or add_formula().")

    def __repr__(self) -> str:
        pre = ("Recipe" if self.recipe is not None else "Formula" if self.formula else "None")
        lines = ["== Workflow ==========================", f"Preprocessor: {pre}",
                 f"Model: {self.spec.model + '()' if self.spec is not None else 'None'}", ""]
        if self.formula:
            lines += ["-- Preprocessor ----", self.formula, ""]
        elif self.recipe is not None:
            lines += ["-- Preprocessor ----", repr(self.recipe), ""]
        if self.spec is not None:
            lines += ["-- Model ----", repr(self.spec)]
        return "\n".join(lines)


def _model_arg_order(spec: ModelSpec) -> list[str]:
    from ..parsnip.registry import get_model

    return list(get_model(spec.model).main_args) + list(spec.engine_args)


def _roles(prepped: Any) -> tuple[list[str], list[str]]:
    info = prepped.term_info
    outcomes = info.loc[info["role"] == "outcome", "variable"].tolist()
    predictors = info.loc[info["role"] == "predictor", "variable"].tolist()
    return outcomes, predictors


def _plain(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _param_values(parameters: Any) -> dict[str, Any]:
    if isinstance(parameters, pd.DataFrame):
        if len(parameters) != 1:
            raise InvalidParameterError(
                f"finalize_workflow() needs one row of parameters (as select_best() gives); got {len(parameters)} rows."
            )
        parameters = parameters.iloc[0].to_dict()
    elif isinstance(parameters, pd.Series):
        parameters = parameters.to_dict()
    if not isinstance(parameters, dict):
        raise InvalidParameterError(
            f"finalize_workflow() takes a dict or a one-row DataFrame of parameters; got {type(parameters).__name__}."
        )
    return {k: _plain(v) for k, v in parameters.items() if not str(k).startswith(".")}


@frozen(eq=False)
class FittedWorkflow:
    """A fitted workflow: the prepped recipe (if any) and the fitted model."""

    workflow: Workflow
    prepped: Any
    model_fit: ModelFit

    @property
    def outcome(self) -> str:
        return self.model_fit.outcome

    @property
    def lvl(self) -> tuple[str, ...] | None:
        return self.model_fit.lvl

    @property
    def mode(self) -> str:
        return self.model_fit.mode

    def fit(self, data: pd.DataFrame, *, seed: SeedLike = None) -> FittedWorkflow:
        """Refit the same workflow on ``data`` (R: fitting a trained workflow refits it)."""
        return self.workflow.fit(data, seed=seed)

    def forge_predictors(self, new_data: pd.DataFrame) -> pd.DataFrame:
        """The predictors of ``new_data`` after the recipe, as the model saw them."""
        if not isinstance(new_data, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(new_data).__name__}.")
        if self.prepped is None:
            return self.model_fit.forge(new_data)
        baked = self.prepped.bake(new_data)
        return self.model_fit.forge(baked)

    def predict(self, new_data: pd.DataFrame, type: str | None = None, **opts: Any) -> pd.DataFrame:
        """Bake ``new_data`` with the recipe and predict (R: ``predict.workflow``).

        Returns R's columns (``.pred_class``, ``.pred_<level>``, ``.pred``) with the index of
        ``new_data``, so ``pd.concat([test, fitted.predict(test)], axis=1)`` lines up (R: ``bind_cols``).
        """
        if self.prepped is None:
            return self.model_fit.predict(new_data, type=type, **opts)
        if not isinstance(new_data, pd.DataFrame):
            raise InvalidParameterError(f"`new_data` must be a pandas DataFrame; got {type(new_data).__name__}.")
        return self.model_fit.predict(self.prepped.bake(new_data), type=type, **opts)

    def augment(self, new_data: pd.DataFrame, **opts: Any) -> pd.DataFrame:
        """``new_data`` with the predictions in front (R: ``augment.workflow``); see ``ModelFit.augment``."""
        from ..parsnip.fit import augment_frame

        return augment_frame(self.model_fit, new_data, self.predict, **opts)

    def extract_fit_parsnip(self) -> ModelFit:
        """The fitted parsnip model (R: ``extract_fit_parsnip``; ``pull_workflow_fit`` is its old name)."""
        return self.model_fit

    pull_workflow_fit = extract_fit_parsnip

    def extract_fit_engine(self) -> Any:
        return self.model_fit.fit

    def extract_recipe(self, estimated: bool = True) -> Any:
        if self.workflow.recipe is None:
            raise InvalidParameterError("The workflow has no recipe; its preprocessor is a formula.")
        return self.prepped if estimated else self.workflow.recipe

    def extract_spec_parsnip(self) -> ModelSpec:
        return self.model_fit.spec

    def extract_preprocessor(self) -> Any:
        return self.workflow.extract_preprocessor()

    def extract_workflow(self) -> FittedWorkflow:
        return self

    def save(self, path: str | Path) -> Path:
        """Write the fitted workflow to ``path`` as a model file that runs no code when loaded.

        Beyond R (R saves with ``saveRDS``, which stores closures too): the file is a checksummed zip
        of JSON, ``.npy`` arrays, safetensors tensors, skops scikit-learn objects and native
        xgboost/lightgbm models (``docs/model-files.md``). Saving is atomic: the file is written
        under a temporary name in the same folder, synced and renamed, so a failed save leaves a
        previous file at ``path`` intact. Read it back with :func:`load_workflow`.

        Parameters
        ----------
        path : str or Path
            The file to write, e.g. ``"model.pytidy"``.

        Returns
        -------
        Path

        Raises
        ------
        NotSerializableError
            If the workflow holds something that cannot be stored as data, such as a
            ``step_mutate()`` with a Python function; the message names it and where it is.

        Examples
        --------
        >>> import pandas as pd, tempfile, pathlib
        >>> from pytidy import linear_reg
        >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.5], "x": [1.0, 2.0, 3.0, 4.0]})
        >>> fitted = workflow().add_model(linear_reg()).add_formula("y ~ x").fit(df)
        >>> path = fitted.save(pathlib.Path(tempfile.mkdtemp()) / "model.pytidy")
        >>> load_workflow(path).predict(df).equals(fitted.predict(df))
        True
        """
        from ._serialize import write_model_file

        return write_model_file(path, self)

    def __repr__(self) -> str:
        return repr(self.workflow).replace("== Workflow", "== Workflow [trained]", 1)


def workflow(preprocessor: Any = None, spec: ModelSpec | None = None) -> Workflow:
    """An empty workflow, or one with a preprocessor and model (R: ``workflow()``).

    Examples
    --------
    >>> from pytidy import linear_reg
    >>> wf = workflow().add_model(linear_reg()).add_formula("y ~ x")
    >>> wf.formula
    'y ~ x'
    """
    wf = Workflow()
    if preprocessor is not None:
        wf = wf.add_formula(preprocessor) if isinstance(preprocessor, str) else wf.add_recipe(preprocessor)
    if spec is not None:
        wf = wf.add_model(spec)
    return wf


def load_workflow(path: str | Path) -> FittedWorkflow:
    """Read a fitted workflow written by :meth:`FittedWorkflow.save`, running no code from the file.

    The file is checked before anything is built from it: its closing sha256 checksum (bytes
    altered, appended or cut off), the manifest's format (a newer ``format_version`` is refused)
    and each member's sha256. Objects are then rebuilt from data only: arrays with
    ``np.load(allow_pickle=False)``, tensors with safetensors, scikit-learn objects with skops and
    a fixed trusted-type list, classes only from pytidy's allow-list (never by unpickling).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    FittedWorkflow

    Raises
    ------
    ModelFileError
        For a missing, empty, truncated, altered or foreign file, a directory, a pickle, a newer
        format version, a class not on the allow-list, or a file that holds no fitted workflow.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> from pytidy import linear_reg
    >>> df = pd.DataFrame({"y": [1.0, 3.0, 5.0, 7.5], "x": [1.0, 2.0, 3.0, 4.0]})
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "model.pytidy"
    >>> _ = workflow().add_model(linear_reg()).add_formula("y ~ x").fit(df).save(path)
    >>> load_workflow(path).predict(pd.DataFrame({"x": [5.0]}))[".pred"].round(3).tolist()
    [9.5]
    """
    from ._serialize import read_model_file

    return read_model_file(path, FittedWorkflow, caller="load_workflow")
