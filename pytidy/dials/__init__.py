"""dials."""

__all__: list[str] = []
