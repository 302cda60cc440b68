"""The benchmark's reference point: a bare Django view that inserts one row in one transaction.
Only mounted by benchmarks/settings_bench.py, never in the product."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (body) VALUES (%s)", [request.POST.get("body", "x")])
    return HttpResponse("ok")


urlpatterns = [
    path("bench/insert/", bare_insert),
    path("", include("config.urls")),
]
