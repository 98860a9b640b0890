"""URLs of the help room (added to ``lms.urls``, so they share its ``lms``
namespace): public pages under /ho-tro/, staff pages under /can-bo/."""

from django.urls import path

from lms.help import views

urlpatterns = [
    path("ho-tro/", views.help_home, name="help_home"),
    path("ho-tro/nho-giup/", views.help_ask, name="help_ask"),
    path("ho-tro/da-gui/", views.help_sent, name="help_sent"),
    path("can-bo/yeu-cau-ho-tro/", views.help_requests, name="help_requests"),
    path("can-bo/yeu-cau-ho-tro/<int:pk>/", views.help_request_detail, name="help_request_detail"),
    path("can-bo/yeu-cau-ho-tro/<int:pk>/nhan/", views.help_request_take, name="help_request_take"),
    path(
        "can-bo/yeu-cau-ho-tro/<int:pk>/dong/",
        views.help_request_close,
        name="help_request_close",
    ),
    path("can-bo/nguoi-ho-tro/", views.helpers, name="helpers"),
    path("can-bo/nguoi-ho-tro/them/", views.helper_add, name="helper_add"),
    path("can-bo/nguoi-ho-tro/<int:pk>/sua/", views.helper_edit, name="helper_edit"),
]
