from django.urls import path

from commonground.governance import views

app_name = "governance"

urlpatterns = [
    path("staff/subject-access/", views.request_list, name="requests"),
    path("staff/subject-access/new/", views.request_new, name="request-new"),
    path("staff/subject-access/<int:request_id>/", views.request_detail, name="request"),
    path("staff/subject-access/<int:request_id>/search/", views.search, name="search"),
    path("staff/subject-access/<int:request_id>/choose/", views.choose, name="choose"),
    path(
        "staff/subject-access/<int:request_id>/records/<int:record_id>/remove/",
        views.remove_record,
        name="remove-record",
    ),
    path("staff/subject-access/<int:request_id>/export/", views.export, name="export"),
    path("staff/subject-access/<int:request_id>/extend/", views.extend, name="extend"),
    path("staff/subject-access/<int:request_id>/erase/", views.erase, name="erase"),
    path("staff/subject-access/<int:request_id>/close/", views.close, name="close"),
    path("staff/legal-holds/", views.hold_list, name="holds"),
    path("staff/legal-holds/<int:hold_id>/lift/", views.hold_lift, name="hold-lift"),
]
