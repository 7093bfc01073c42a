"""engines/tabnet."""

__all__: list[str] = []
