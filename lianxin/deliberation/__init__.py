"""Meetings (round tables, four-party, hearings, evening talks, forums), topics, minutes and decisions
turned into tasks; the alliances' chairs and policy lists."""
