"""The scoring part's routes in the authorization matrix."""

ACCESS: dict = {}
