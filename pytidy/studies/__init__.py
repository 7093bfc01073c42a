"""Studies: full-scale reproductions of published analyses, run as ``python -m pytidy.studies.<name>``."""

__all__: list[str] = []
