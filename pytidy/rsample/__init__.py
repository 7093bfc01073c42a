"""rsample."""

__all__: list[str] = []
