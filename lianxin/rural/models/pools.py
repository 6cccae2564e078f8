"""The pools part's models."""

__all__: list[str] = []
