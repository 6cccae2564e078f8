"""The clusters part's models."""

__all__: list[str] = []
