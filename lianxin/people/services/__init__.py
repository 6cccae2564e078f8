"""Writes about people that are not a concept module of their own: opening a full personal number
(``persons``), an estate's property service (``estates``), staff category changes (``staff_category``)."""
