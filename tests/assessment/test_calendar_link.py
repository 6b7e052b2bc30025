"""A completed self-check completes the yearly self-check obligation of the compliance calendar."""

import pytest

from shouhu.assessment import services
from shouhu.law.models import Obligation
from shouhu.law.services import sync_calendar
from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.django_db


def test_completing_a_self_check_records_the_obligation_as_done(officer, make_assessment):
    sync_calendar(actor=officer)
    assessment = make_assessment()
    answer_all(officer, assessment)
    services.complete(actor=officer, assessment=assessment)
    obligation = Obligation.objects.get(key="self-check-internal-audit")
    assert obligation.last_done_on == assessment.assessed_on
