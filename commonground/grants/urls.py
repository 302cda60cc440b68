app_name = "grants"

urlpatterns: list = []  # filled as the app's pages are built
