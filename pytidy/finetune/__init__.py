"""finetune."""

__all__: list[str] = []
