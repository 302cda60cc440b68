"""URLs of the support part of casework."""

urlpatterns: list = []
