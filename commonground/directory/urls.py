app_name = "directory"

urlpatterns: list = []  # filled as the app's pages are built
