"""The directories of hate crime reporting centres and community meeting spaces: each entry, its
opening hours and languages, and the partnership's audits of it against a checklist."""

from commonground.directory.models.audits import *  # noqa: F403
from commonground.directory.models.entries import *  # noqa: F403
