"""URLs of national courses: the tracking redirect, claims, the queue, files."""

from django.urls import path

from lms.national import views

urlpatterns = [
    path("khoa-hoc-quoc-gia/<int:pk>/den/", views.national_course_go, name="national_course_go"),
    path("tai-khoan/chung-nhan-quoc-gia/", views.my_claims, name="my_claims"),
    path("tai-khoan/chung-nhan-quoc-gia/gui/", views.claim_create, name="claim_create"),
    path("tai-khoan/chung-nhan-quoc-gia/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("chung-nhan-quoc-gia/<int:pk>/tep/", views.claim_file, name="claim_file"),
    path(
        "chung-nhan-quoc-gia/<int:pk>/anh-nho/",
        views.claim_file,
        {"variant": "thumb"},
        name="claim_thumbnail",
    ),
    path("can-bo/chung-nhan-quoc-gia/", views.staff_claims, name="staff_claims"),
    path(
        "can-bo/chung-nhan-quoc-gia/<int:pk>/",
        views.staff_claim_detail,
        name="staff_claim_detail",
    ),
]
