"""Writes of the insights app: one function per use case, keyword-only, actor first, audited."""
