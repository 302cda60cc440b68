"""The #WeStandTogether calendar: public pages and feeds under /events/, staff pages under
/staff/events/."""

from django.urls import path

from commonground.calendar.views import feeds, public, staff

app_name = "calendar"

STAFF_EVENT = "staff/events/<int:event_id>/"

urlpatterns = [
    # Public: open to everyone, signed in or not.
    path("events/", public.upcoming, name="upcoming"),
    path("events/past/", public.past, name="past"),
    path("events/calendar.ics", feeds.whole_calendar, name="feed"),
    path("events/boroughs/<str:code>/calendar.ics", feeds.borough_calendar, name="borough-feed"),
    path("events/<str:key>/event.ics", feeds.one_event, name="event-feed"),
    path("events/<str:key>/", public.event, name="event"),
    # Staff
    path("staff/events/", staff.event_list, name="staff-events"),
    path("staff/events/new/", staff.new_event, name="staff-event-new"),
    path(STAFF_EVENT, staff.event, name="staff-event"),
    path(f"{STAFF_EVENT}edit/", staff.edit_event, name="staff-event-edit"),
    path(f"{STAFF_EVENT}publish/", staff.publish, name="staff-event-publish"),
    path(f"{STAFF_EVENT}cancel/", staff.cancel, name="staff-event-cancel"),
]
