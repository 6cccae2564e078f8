"""The coops part's models."""

__all__: list[str] = []
