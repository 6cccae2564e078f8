"""The supervision app's views (one module per part)."""
