"""Who sees what in this app, through the one scoping layer (core/access.py)."""
