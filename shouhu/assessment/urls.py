from django.urls import path

from shouhu.assessment import views, views_actions

app_name = "assessment"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_create, name="create"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
    path("<int:pk>/items/<str:item_id>/", views.answer, name="answer"),
    path("<int:pk>/items/<str:item_id>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/items/<str:item_id>/carry/", views.carry, name="carry"),
    path("<int:pk>/items/<str:item_id>/evidence/search/", views.evidence_search, name="evidence_search"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/scores/", views.scores, name="scores"),
    path("<int:pk>/export/<str:fmt>/", views.export, name="export"),
    path("<int:pk>/findings/", views_actions.findings, name="findings"),
    path("findings/<int:pk>/", views_actions.finding_edit, name="finding_edit"),
    path("findings/<int:finding_pk>/actions/new/", views_actions.action_create, name="action_create"),
    path("actions/", views_actions.actions, name="actions"),
    path("actions/export/<str:fmt>/", views_actions.actions_export, name="actions_export"),
    path("actions/<int:pk>/", views_actions.action_detail, name="action"),
    path("actions/<int:pk>/transition/", views_actions.action_transition, name="action_transition"),
]
