"""Sphinx configuration for pytidy's documentation (``make docs``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "pytidy"
author = "the pytidy developers"
copyright = "2026, the pytidy developers"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "pytidy_apigen",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_ext"]
html_theme = "alabaster"
autodoc_default_options = {"undoc-members": False}
autodoc_typehints = "none"
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_ivar = True  # "Attributes" as fields: attrs classes would list each attribute twice
myst_heading_anchors = 3
# ref.python: numpy-style types such as "int, default 5" make Sphinx look up the word "default"
# among the attributes of every class; an ambiguous look-up is not an error in the docs.
suppress_warnings = ["myst.header", "myst.xref_missing", "ref.python"]
