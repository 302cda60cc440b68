"""Who sees what in this app, through the one scoping layer (core/access.py).

Events are public once published, so the public pages and feeds read published events directly
(`queries/public.py`). Staff who manage events see and change those of the boroughs in their
scope: a borough programme lead their borough's; the combined authority's programme manager and
grants officer, whose scope covers every borough below it, all of them."""

from commonground.calendar.models import Event
from commonground.core import access
from commonground.core.access import ScopeRule
from commonground.core.roles import Permission

access.register(
    Event,
    ScopeRule(view_permission=Permission.MANAGE_EVENTS, area_lookup="borough", holds_personal_data=False),
)
