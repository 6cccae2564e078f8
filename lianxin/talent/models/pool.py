"""The pool part's models."""

__all__: list[str] = []
