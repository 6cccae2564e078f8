"""The party pages, one module per page or group of pages: the organisation tree and page (``orgs``),
keeping organisations (``manage``), a street's three levels (``street``), sector and chain work
(``chains``), coverage and figures (``coverage``), mobile members (``mobile``). Thin: parse, call one
service, render."""
