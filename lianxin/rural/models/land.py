"""The land part's models."""

__all__: list[str] = []
