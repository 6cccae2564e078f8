"""The supervision app's selectors (one module per part)."""
