"""The case pages, one module per page or group of pages. Thin: read through the selectors (scoped by
``restrict``), take a step through one service, render."""
