"""Organisation coverage (组织覆盖): the report (``report``), its further sections (``territory``) and the
same figures outside their pages (``exports``)."""
