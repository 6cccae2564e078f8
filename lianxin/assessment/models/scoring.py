"""The scoring part's models."""

from django.db import models  # noqa: F401
