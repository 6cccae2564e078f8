"""The supervision app's writes."""
