"""URLs of the event pages (added to ``lms.urls``, so they share its ``lms``
namespace)."""

from django.urls import path

from lms.events import views

urlpatterns = [
    path("su-kien/<int:pk>/dang-ky/", views.event_signup, name="event_signup"),
    path("su-kien/<int:pk>/huy/", views.event_cancel, name="event_cancel"),
    path("can-bo/su-kien/", views.staff_events, name="staff_events"),
    path("can-bo/su-kien/<int:pk>/", views.staff_event_detail, name="staff_event_detail"),
    path("can-bo/su-kien/<int:pk>/xuat.csv", views.staff_event_export, name="staff_event_export"),
    path("can-bo/su-kien/<int:pk>/diem-danh/", views.event_door, name="event_door"),
]
