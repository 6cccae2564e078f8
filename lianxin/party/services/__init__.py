"""Writes of the party app, one module per concept: the organisation tree and memberships (``tree``), keeping
organisations and what hangs on them (``orgs``), a street's three levels (``street``), sector departments
(``sectors``), chain alliances (``alliances``), couriers' grid workers (``couriers``), mobile members
(``mobile``). Each checks its rule, keeps the history and writes its audit record."""
