from django.urls import path

from commonground.reports.views import public, status

urlpatterns = [
    path("report/", public.choose, name="choose"),
    path("report/<slug:journey>/", public.start, name="start"),
    path("report/<slug:journey>/check/", public.check_answers, name="check"),
    path("report/<slug:journey>/sent/", public.confirmation, name="confirmation"),
    path("report/<slug:journey>/<slug:step>/", public.question, name="question"),
    # The emailed link, opened once and exchanged for the session; then the secret-free page.
    path("status/", status.status_page, name="status-page"),
    path("status/<str:secret>/", status.open_status_link, name="status"),
    path("advice/", public.advice_index, name="advice-index"),
    path("advice/<slug:slug>/", public.advice_page, name="advice"),
]
