"""tune."""

__all__: list[str] = []
