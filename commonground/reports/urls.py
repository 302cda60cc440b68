from commonground.reports.urls_public import urlpatterns as public_urlpatterns
from commonground.reports.urls_staff import urlpatterns as staff_urlpatterns

app_name = "reports"

# Public journeys and the status link; staff pages (triage, helpline, reporting centres) add theirs.
urlpatterns = [*public_urlpatterns, *staff_urlpatterns]
