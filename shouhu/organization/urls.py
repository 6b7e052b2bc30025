from django.urls import path

from shouhu.organization import views

app_name = "organization"

urlpatterns = [
    path("", views.company, name="company"),
    path("company/edit/", views.company_edit, name="company_edit"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/account/", views.person_account, name="person_account"),
    path("people/<int:pk>/roles/", views.person_role, name="person_role"),
    path("people/<int:pk>/account/active/", views.person_account_active, name="person_account_active"),
    path("roles/<int:pk>/end/", views.role_end, name="role_end"),
    path("clients/", views.clients, name="clients"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:pk>/", views.client_detail, name="client"),
    path("clients/<int:pk>/contacts/", views.client_contact_add, name="client_contact_add"),
    path("contacts/<int:pk>/remove/", views.client_contact_remove, name="client_contact_remove"),
]
