from commonground.programme.models.assessments import *  # noqa: F403
from commonground.programme.models.briefings import *  # noqa: F403
from commonground.programme.models.forum import *  # noqa: F403
from commonground.programme.models.frameworks import *  # noqa: F403
from commonground.programme.models.plans import *  # noqa: F403
from commonground.programme.models.projects import *  # noqa: F403
from commonground.programme.models.training import *  # noqa: F403
