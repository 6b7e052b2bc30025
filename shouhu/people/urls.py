from django.urls import path

from shouhu.people import views

app_name = "people"

urlpatterns = [
    path("", views.index, name="index"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/offboarding/", views.offboarding_start, name="offboarding_start"),
    path("undertakings/<int:pk>/file/", views.undertaking_file, name="undertaking_file"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/mine/", views.mine, name="mine"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/reviewers/", views.review_reviewers, name="review_reviewers"),
    path("reviews/<int:pk>/close/", views.review_close, name="review_close"),
    path("reviews/<int:pk>/export.xlsx", views.review_export, name="review_export"),
    path("reviews/<int:pk>/export.pdf", views.review_export_pdf, name="review_export_pdf"),
    path("accounts/<int:pk>/decide/", views.decide, name="decide"),
    path("followups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path("offboarding/<int:pk>/", views.offboarding, name="offboarding"),
    path("offboarding/<int:pk>/items/", views.offboarding_add, name="offboarding_add"),
    path("offboarding/items/<int:pk>/", views.offboarding_item, name="offboarding_item"),
    path("offboarding/<int:pk>/close/", views.offboarding_close, name="offboarding_close"),
]
