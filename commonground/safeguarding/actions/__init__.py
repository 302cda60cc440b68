"""Writes of safeguarding casework, one module per use case: keyword-only, `actor=` first, a
permission check, the change and its audit event in one transaction."""
