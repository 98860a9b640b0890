from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("national-courses/<int:pk>/go/", views.national_course_go, name="national_course_go"),
]
