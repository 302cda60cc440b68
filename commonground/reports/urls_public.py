from django.urls import path

from commonground.reports.views import public

urlpatterns = [
    path("report/", public.choose, name="choose"),
    path("report/<slug:journey>/", public.start, name="start"),
    path("report/<slug:journey>/check/", public.check_answers, name="check"),
    path("report/<slug:journey>/sent/", public.confirmation, name="confirmation"),
    path("report/<slug:journey>/<slug:step>/", public.question, name="question"),
    path("status/<str:secret>/", public.status, name="status"),
    path("advice/", public.advice_index, name="advice-index"),
    path("advice/<slug:slug>/", public.advice_page, name="advice"),
]
