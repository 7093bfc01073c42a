"""The ``torch`` engine of ``mlp()``: a multilayer perceptron trained by TabNet's training loop.

Torch-free on import; ``engine.py`` (which imports torch) loads on the first fit.
"""

__all__: list[str] = []
