"""Writes of the core app. Each function names its actor, checks its rule, and records an audit
event in the same transaction as the change."""
