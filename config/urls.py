from django.contrib import admin
from django.urls import include, path

from commonground.api.api import api

urlpatterns = [
    path("", include("commonground.core.urls")),
    path("", include("commonground.reports.urls")),
    path("", include("commonground.safeguarding.urls")),
    path("", include("commonground.tension.urls")),
    path("", include("commonground.insights.urls")),
    path("", include("commonground.programme.urls")),
    path("", include("commonground.calendar.urls")),
    path("", include("commonground.directory.urls")),
    path("", include("commonground.grants.urls")),
    path("", include("commonground.governance.urls")),
    path("", include("commonground.sharing.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "commonground.core.views.errors.bad_request"
handler403 = "commonground.core.views.errors.permission_denied"
handler404 = "commonground.core.views.errors.page_not_found"
handler500 = "commonground.core.views.errors.server_error"
