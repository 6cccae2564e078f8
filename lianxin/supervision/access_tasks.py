"""The tasks part's routes in the authorization matrix."""

ACCESS: dict = {}
