"""Reads of the insights app: dashboards for staff, editions and the figures they freeze."""
