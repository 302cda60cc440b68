from django.urls import path

from commonground.sharing import views

app_name = "sharing"

urlpatterns = [
    path("staff/sharing-agreements/", views.agreement_list, name="agreements"),
    path("staff/sharing-agreements/new/", views.record, name="record"),
    path("staff/sharing-agreements/<int:agreement_id>/", views.agreement, name="agreement"),
    path("staff/sharing-agreements/<int:agreement_id>/amend/", views.amend, name="amend"),
    path("staff/sharing-agreements/<int:agreement_id>/end/", views.end, name="end"),
    path("staff/sharing-agreements/<int:agreement_id>/document/", views.signed_document, name="document"),
]
