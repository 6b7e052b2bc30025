from django.urls import include, path

from shouhu.api.main import api
from shouhu.shell.views import healthz

urlpatterns = [
    path("", include("shouhu.shell.urls")),
    path("accounts/", include("shouhu.accounts.urls")),
    path("organization/", include("shouhu.organization.urls")),
    path("audit/", include("shouhu.audit.urls")),
    path("evidence/", include("shouhu.evidence.urls")),
    path("jobs/", include("shouhu.jobs.urls")),
    path("imports/", include("shouhu.imports.urls")),
    path("law/", include("shouhu.law.urls")),
    path("inventory/", include("shouhu.inventory.urls")),
    path("risk/", include("shouhu.risk.urls")),
    path("assessment/", include("shouhu.assessment.urls")),
    path("incidents/", include("shouhu.incidents.urls")),
    path("scans/", include("shouhu.scans.urls")),
    path("logwatch/", include("shouhu.logwatch.urls")),
    path("plan/", include("shouhu.plan.urls")),
    path("documents/", include("shouhu.documents.urls")),
    path("training/", include("shouhu.training.urls")),
    path("drills/", include("shouhu.drills.urls")),
    path("people/", include("shouhu.people.urls")),
    path("requests/", include("shouhu.requests.urls")),
    path("thirdparties/", include("shouhu.thirdparties.urls")),
    path("contracts/", include("shouhu.contracts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("healthz", healthz),
]
