"""Public statistics under /statistics/: open to everyone, signed in or not."""

from django.urls import path

from commonground.insights.views import public

urlpatterns: list = [
    path("statistics/", public.latest, name="public-latest"),
    path("statistics/archive/", public.archive, name="public-archive"),
    path("statistics/methodology/", public.methodology, name="public-methodology"),
    path("statistics/<str:slug>/", public.edition, name="public-edition"),
    path("statistics/<str:slug>/revision-<int:revision>/", public.edition, name="public-edition-revision"),
    path(
        "statistics/<str:slug>/revision-<int:revision>/<slug:table>.csv",
        public.table_csv,
        name="public-table-csv",
    ),
    path(
        "statistics/<str:slug>/revision-<int:revision>/<slug:table>.json",
        public.table_json,
        name="public-table-json",
    ),
]
