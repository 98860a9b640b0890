"""URLs of the trainer pages for classes and the help log (added to
``lms.urls``, so they share its ``lms`` namespace)."""

from django.urls import path

from lms.classes import views as views_classes

urlpatterns = [
    path("can-bo/lop/", views_classes.class_list, name="class_list"),
    path("can-bo/lop/tao/", views_classes.class_create, name="class_create"),
    path("can-bo/lop/<int:pk>/", views_classes.class_detail, name="class_detail"),
    path("can-bo/lop/<int:pk>/sua/", views_classes.class_edit, name="class_edit"),
    path(
        "can-bo/lop/<int:pk>/hoc-vien/",
        views_classes.class_learners_add,
        name="class_learners_add",
    ),
    path(
        "can-bo/lop/<int:pk>/hoc-vien/<int:learner_pk>/xoa/",
        views_classes.class_learner_remove,
        name="class_learner_remove",
    ),
    path("can-bo/lop/<int:pk>/buoi/", views_classes.session_create, name="session_create"),
    path(
        "can-bo/lop/<int:pk>/buoi/<int:session_pk>/diem-danh/",
        views_classes.session_attendance,
        name="session_attendance",
    ),
    path(
        "can-bo/lop/<int:pk>/buoi/<int:session_pk>/bai-hoc/",
        views_classes.session_lessons,
        name="session_lessons",
    ),
    path("can-bo/ho-tro/", views_classes.help_log, name="help_log"),
]
