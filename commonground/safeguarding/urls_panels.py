"""URLs of the panels part of casework."""

urlpatterns: list = []
