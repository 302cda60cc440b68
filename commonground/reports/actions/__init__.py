"""Writes of the report and advice line; each names its actor and is audited in its transaction."""
