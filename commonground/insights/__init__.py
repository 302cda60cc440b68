"""Insights and transparency: published statistics, disclosure control and spike detection."""
