from django.urls import path

from commonground.grants.views import open_data

app_name = "grants"

urlpatterns: list = []  # filled as the app's pages are built

# Open data
urlpatterns += [
    path("grants/open-data/", open_data.about, name="open-data"),
    path("grants/open-data/360giving.json", open_data.grants_json, name="open-data-json"),
    path("grants/open-data/360giving.csv", open_data.grants_csv, name="open-data-csv"),
]
