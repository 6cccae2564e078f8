"""Reads of the party app: the organisation pages and API (``orgs``) and a street's three levels
(``street``). Each starts from ``restrict(user)``."""
