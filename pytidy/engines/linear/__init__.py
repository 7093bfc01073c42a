"""engines/linear."""

__all__: list[str] = []
