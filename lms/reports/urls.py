"""URLs of the trainer and manager report pages (added to ``lms.urls``, so they
share its ``lms`` namespace)."""

from django.urls import path

from lms.reports import views as views_reports

urlpatterns = [
    path("can-bo/bao-cao/", views_reports.report_home, name="report_home"),
    path("can-bo/bao-cao/lop/<int:pk>/", views_reports.report_class, name="report_class"),
    path("can-bo/bao-cao/dia-ban/<int:pk>/", views_reports.report_place, name="report_place"),
    path(
        "can-bo/bao-cao/dia-ban/<int:pk>/khoa-hoc/",
        views_reports.report_place_courses,
        name="report_place_courses",
    ),
    path(
        "can-bo/bao-cao/dia-ban/<int:pk>/nhom-doi-tuong/",
        views_reports.report_place_groups,
        name="report_place_groups",
    ),
    path(
        "can-bo/bao-cao/dia-ban/<int:pk>/chi-so/",
        views_reports.report_place_indicators,
        name="report_place_indicators",
    ),
    path(
        "can-bo/bao-cao/dia-ban/<int:pk>/chi-so-nhom-doi-tuong/",
        views_reports.report_place_indicators_groups,
        name="report_place_indicators_groups",
    ),
    path(
        "can-bo/bao-cao/dia-ban/<int:pk>/chi-tieu/",
        views_reports.report_place_targets,
        name="report_place_targets",
    ),
    path("can-bo/bao-cao/nguoi-hoc/<int:pk>/", views_reports.report_learner, name="report_learner"),
    path("can-bo/bao-cao-quy/", views_reports.quarterly_reports, name="quarterly_reports"),
    path(
        "can-bo/bao-cao-quy/<int:pk>/",
        views_reports.quarterly_report_detail,
        name="quarterly_report_detail",
    ),
    path(
        "can-bo/bao-cao-quy/<int:pk>/chot/",
        views_reports.quarterly_report_freeze,
        name="quarterly_report_freeze",
    ),
    path(
        "can-bo/bao-cao-quy/<int:pk>/dieu-chinh/",
        views_reports.quarterly_report_amend,
        name="quarterly_report_amend",
    ),
    path(
        "can-bo/bao-cao-quy/<int:pk>/tai-ve.xlsx",
        views_reports.quarterly_report_download,
        name="quarterly_report_download",
    ),
]
