app_name = "calendar"

urlpatterns: list = []  # filled as the app's pages are built
