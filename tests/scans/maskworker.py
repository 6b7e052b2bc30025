"""A masked database copy enqueued in a real SHOUHU_HOME, for the worker-kill test.

``python -m tests.scans.maskworker SOURCE_URL TARGET_URL`` creates an administrator and a database scan
source in that home, starts the copy (a real ``shouhu worker`` runs it) and prints the job's id.
"""

from __future__ import annotations

import sys


def main(source_url: str, target_url: str) -> None:
    import django

    django.setup()
    from django.utils import timezone

    from shouhu.accounts.models import RoleAssignment, User
    from shouhu.scans import services
    from shouhu.scans.dbmasking import start_database_mask

    admin = User.objects.create(username="mask-admin", password_changed_at=timezone.now())
    RoleAssignment.objects.create(user=admin, role="admin", starts_on=timezone.localdate())
    source = services.create_source(
        actor=admin, data={"name": "CRM", "kind": "database", "database_url": source_url, "sample_rows": 0}
    )
    print(start_database_mask(actor=admin, source=source, target_url=target_url).pk)


if __name__ == "__main__":
    main(*sys.argv[1:3])
