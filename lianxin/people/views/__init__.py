"""The people pages, one module per page or group of pages: signing in and out (``auth``), the person pages,
posts, staff categories, support for landless residents, linking accounts, my data. Thin: fetch through the
scoped querysets, change through one service, render."""
