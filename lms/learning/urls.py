from django.urls import path

from lms.learning import views as learning_views

urlpatterns = [
    path("hoc-tap/", learning_views.my_learning, name="my_learning"),
    path(
        "hoc-tap/bai/<int:lesson_id>/da-xong/",
        learning_views.lesson_complete,
        name="lesson_complete",
    ),
    path("hoc-tap/trang/<int:page_id>/tra-loi/", learning_views.page_answer, name="page_answer"),
    path("hoc-tap/dong-bo/", learning_views.events_batch, name="events_batch"),
]
