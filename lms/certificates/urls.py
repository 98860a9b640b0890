"""Certificate routes, added to the lms namespace by lms/urls.py."""

from django.urls import path

from lms.certificates import views

urlpatterns = [
    path("tai-khoan/chung-chi/", views.my_certificates, name="my_certificates"),
    path("tai-khoan/chung-chi/<str:code>/", views.certificate_detail, name="certificate_detail"),
    path(
        "tai-khoan/chung-chi/<str:code>/pdf/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("chung-chi/kiem-tra/", views.verify_lookup, name="certificate_verify_lookup"),
    path("chung-chi/kiem-tra/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("can-bo/chung-chi/", views.staff_certificates, name="staff_certificates"),
    path(
        "can-bo/chung-chi/<str:code>/thu-hoi/",
        views.staff_certificate_revoke,
        name="staff_certificate_revoke",
    ),
    path("can-bo/xapi/", views.xapi_export, name="xapi_export"),
]
