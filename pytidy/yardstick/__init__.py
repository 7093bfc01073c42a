"""yardstick."""

__all__: list[str] = []
