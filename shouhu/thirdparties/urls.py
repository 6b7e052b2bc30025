from django.urls import path

from shouhu.thirdparties import views, views_public

app_name = "thirdparties"

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/new/", views.transfer_edit, name="transfer_new"),
    path("transfers/<int:pk>/", views.transfer_edit, name="transfer_edit"),
    path("subprocessors/", views.subprocessor_list, name="subprocessors"),
    path("subprocessors/new/", views.subprocessor_edit, name="subprocessor_new"),
    path("subprocessors/<int:pk>/", views.subprocessor_detail, name="subprocessor"),
    path("subprocessors/<int:pk>/edit/", views.subprocessor_edit, name="subprocessor_edit"),
    path("subprocessors/<int:pk>/questionnaires/", views_public.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/<int:pk>/send/", views_public.questionnaire_send, name="questionnaire_send"),
    path("q/<str:token>/", views_public.questionnaire_answer, name="questionnaire"),
    path("retention/", views.retention, name="retention"),
    path("retention/rules/new/", views.rule_new, name="rule_new"),
    path("retention/batches/new/", views.batch_new, name="batch_new"),
    path("disposals/new/", views.disposal_new, name="disposal_new"),
    path("disposals/<int:pk>/proof/", views.proof_download, name="proof"),
    path("certificates/new/", views.certificate_new, name="certificate_new"),
    path("certificates/<int:pk>/", views.certificate_download, name="certificate"),
]
