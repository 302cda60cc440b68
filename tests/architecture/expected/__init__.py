"""Expected outcomes per URL, one module per part of the service, merged by test_url_permissions.

Each module defines EXPECTED (name → list of (sample kwargs, {role: status})) built with the
helpers in tests/architecture/roles_matrix.py, and may define sample_values(agency) returning extra
objects for the {placeholders} in its sample kwargs (agency serves Bolton; every role's user is in it).
"""
