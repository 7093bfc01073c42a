"""parsnip."""

__all__: list[str] = []
