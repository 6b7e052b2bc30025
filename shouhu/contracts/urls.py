from django.urls import path

from shouhu.contracts import views

app_name = "contracts"

urlpatterns = [
    path("", views.contract_list, name="contracts"),
    path("new/", views.contract_edit, name="contract_new"),
    path("<int:pk>/", views.contract_detail, name="contract"),
    path("<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("terms/<int:pk>/evidence/", views.term_evidence, name="term_evidence"),
    path("audits/", views.audit_list, name="audits"),
    path("audits/new/", views.audit_new, name="audit_new"),
    path("audits/<int:pk>/", views.audit_detail, name="audit"),
    path("audits/<int:pk>/report/", views.audit_report, name="audit_report"),
    path("tests/", views.securitytest_list, name="tests"),
    path("tests/new/", views.securitytest_edit, name="test_new"),
    path("tests/<int:pk>/edit/", views.securitytest_edit, name="test_edit"),
    path("tests/<int:pk>/report/", views.securitytest_report, name="test_report"),
    path("packs/", views.pack_list, name="packs"),
    path("packs/<int:pk>/download/", views.pack_download, name="pack_download"),
    path("packs/<int:pk>/retry/", views.pack_retry, name="pack_retry"),
]
