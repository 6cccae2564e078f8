"""The area pages, one module per page or group of pages. Thin: fetch through ``get_for_user`` (404 outside
scope), read through ``areas.selectors``, change through one service, render."""
