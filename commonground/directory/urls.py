from django.urls import path

from commonground.directory.views import public

app_name = "directory"

urlpatterns = [
    # The public finders
    path("find/", public.start, name="find"),
    path("find/<slug:finder>/", public.search, name="finder"),
    path("find/<slug:finder>/<int:entry_id>/", public.entry, name="entry"),
]
