from django.urls import path

from lms.certificates.urls import urlpatterns as certificate_urlpatterns
from lms.classes.urls import urlpatterns as class_urlpatterns
from lms.events.urls import urlpatterns as event_urlpatterns
from lms.help.urls import urlpatterns as help_urlpatterns
from lms.learning.urls import urlpatterns as learning_urlpatterns
from lms.national.urls import urlpatterns as national_urlpatterns
from lms.people import household_views as views_households
from lms.people import views
from lms.reports.urls import urlpatterns as report_urlpatterns

app_name = "lms"
urlpatterns = [
    path("tai-khoan/ho-so/", views.profile, name="profile"),
    path("tai-khoan/ho-gia-dinh/", views.household, name="household"),
    path("tai-khoan/du-lieu/", views.my_data, name="my_data"),
    path("tai-khoan/xoa/", views.delete_account, name="delete_account"),
    path("the-dang-nhap/<str:token>/", views.card_sign_in, name="card_sign_in"),
    path("can-bo/nguoi-hoc/", views.staff_learners, name="staff_learners"),
    path("can-bo/nguoi-hoc/xuat.csv", views.staff_learners_export, name="staff_learners_export"),
    path("can-bo/nguoi-hoc/dang-ky/", views.staff_register, name="staff_register"),
    path("can-bo/nguoi-hoc/<int:pk>/", views.staff_learner_detail, name="staff_learner_detail"),
    path("can-bo/nguoi-hoc/<int:pk>/the/", views.staff_card, name="staff_card"),
    path(
        "can-bo/nguoi-hoc/<int:pk>/thu-hoi-the/", views.staff_card_revoke, name="staff_card_revoke"
    ),
    path("can-bo/ho-gia-dinh/", views_households.household_list, name="staff_households"),
    path(
        "can-bo/ho-gia-dinh/<int:pk>/",
        views_households.household_detail,
        name="staff_household_detail",
    ),
    path(
        "can-bo/ho-gia-dinh/<int:pk>/them/",
        views_households.household_members_add,
        name="staff_household_members_add",
    ),
    path(
        "can-bo/ho-gia-dinh/<int:pk>/xoa/<int:learner_pk>/",
        views_households.household_member_remove,
        name="staff_household_member_remove",
    ),
    path(
        "can-bo/nguoi-hoc/<int:pk>/xac-nhan-dinh-danh/",
        views.staff_confirm_digital_id,
        name="staff_confirm_digital_id",
    ),
]

urlpatterns += class_urlpatterns
urlpatterns += event_urlpatterns
urlpatterns += report_urlpatterns
urlpatterns += certificate_urlpatterns
urlpatterns += national_urlpatterns
urlpatterns += learning_urlpatterns
urlpatterns += help_urlpatterns
