"""URLs of the information part of casework."""

urlpatterns: list = []
