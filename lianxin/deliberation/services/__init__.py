"""Writes of the deliberation app: ``lianxin.deliberation.services.meetings``, ``.topics``, ``.rota``."""
