"""Reads of the deliberation app (scope applied through ``restrict``)."""
