"""Choosing a language: a public link that redirects back, the same for everyone."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "core:language": [({"code": "ur"}, everyone(302)), ({"code": "xx"}, everyone(404))],
}
