"""A test app that plugs into the cases engine the way a new domain app would: installed only in tests
(``tests/settings.py``), it touches no file of ``lianxin/``."""
