"""The industry part's models."""

__all__: list[str] = []
