"""The reserves part's models."""

__all__: list[str] = []
