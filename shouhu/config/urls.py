from django.urls import include, path

from shouhu.api.main import api
from shouhu.core.views import healthz

urlpatterns = [
    path("", include("shouhu.core.urls")),
    path("accounts/", include("shouhu.accounts.urls")),
    path("organization/", include("shouhu.organization.urls")),
    path("audit/", include("shouhu.audit.urls")),
    path("evidence/", include("shouhu.evidence.urls")),
    path("jobs/", include("shouhu.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("healthz", healthz),
]
