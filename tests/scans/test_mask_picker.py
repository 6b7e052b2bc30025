"""The masked copy's table and column picker without JavaScript: it lists the source's tables with row counts
and each column's detected category, and a submitted pick copies only the ticked tables with the chosen
method per column. The field names it reads back are fuzzed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from shouhu.accounts.models import User
from shouhu.jobs.models import Job
from shouhu.scans.maskpicker import column_field, parse_field, picked
from tests.scans.test_mask_database import _fill, _source

NAMES = st.text(min_size=1, max_size=128).filter(lambda s: not any(ch in s for ch in "\r\n\x00"))


@given(table=NAMES, column=NAMES)
def test_a_column_field_reads_back_as_its_table_and_column(table: str, column: str) -> None:
    assert parse_field(column_field(table, column)) == (table, column)


@given(name=st.text(max_size=300))
def test_any_field_name_reads_as_a_column_or_as_nothing(name: str) -> None:
    place = parse_field(name)
    assert place is None or column_field(*place) == name


@given(
    fields=st.dictionaries(
        st.one_of(st.text(max_size=40), NAMES.map(lambda n: column_field("t", n)), st.just("pick_table")),
        st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["t", "auto", "keep", "hash"])), max_size=3),
        max_size=8,
    )
)
def test_any_submitted_picker_gives_rules_only_for_ticked_tables_or_a_message(
    fields: dict[str, list[str]],
) -> None:
    try:
        tables, rules = picked(MultiValueDict(fields))
    except ValueError as refused:
        message = str(refused)
        tables, rules = [], []
    else:
        message = ""
    assert bool(message) != bool(tables)  # a message, or at least one table
    assert all(rule.table in tables for rule in rules)
    assert all(rule.method != "auto" for rule in rules)


@pytest.mark.django_db
def test_picker_lists_tables_rows_and_detected_categories(admin: User, tmp_path: Path, login_as: Any) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    client = login_as(admin)

    plain = client.get(reverse("scans:mask_database", args=[source.pk])).content.decode()
    page = client.get(reverse("scans:mask_database", args=[source.pk]) + "?inspect=1").content.decode()

    assert 'data-testid="mask-inspect"' in plain  # no connection yet
    assert 'name="pick_table"' not in plain
    assert page.count('name="pick_table"') == 2
    assert "3 筆" in page
    assert 'data-testid="category-customers-national_id">國民身分證統一編號' in page
    assert 'data-testid="category-customers-balance"><span class="muted">—</span>' in page
    field = column_field("customers", "birthday")
    assert f'name="{field}" data-testid="method-customers-birthday"><option value="auto">' in page
    birthday = page.split('data-testid="method-customers-birthday">', 1)[1].split("</td>", 1)[0]
    assert '<option value="generalize" selected>概化</option>' in birthday  # proposed from the category
    assert f'<input type="hidden" name="cat:{field[4:]}" value="birth_date">' in birthday


@pytest.mark.django_db
def test_a_submitted_pick_copies_the_ticked_tables_with_the_chosen_methods(
    admin: User, tmp_path: Path, login_as: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    client = login_as(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scans:mask_database", args=[source.pk]),
            {
                "picker": "1",
                "pick_table": ["customers"],  # orders left out
                column_field("customers", "name"): "partial",
                "cat:" + column_field("customers", "name")[4:]: "person_name",
                column_field("customers", "mobile"): "remove",  # nullable text: NULL, not an empty string
                column_field("customers", "birthday"): "remove",  # a nullable DATE: NULL, not a year
                column_field("orders", "national_id"): "keep",  # of a table not ticked: ignored
                "target_mode": "new",
                "new_name": "picked_copy",
                "default": "pseudonym",
                "birth_date": "generalize",
                "address": "generalize",
            },
        )
    job = Job.objects.get(kind="scans.mask_database")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.error) == ("succeeded", "")
    copy = sa.create_engine(
        f"sqlite:///{Path(settings.SHOUHU_HOME) / 'masked-copies' / 'picked_copy.sqlite3'}"
    )
    with copy.connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["customers"]
        rows = conn.execute(sa.text("SELECT name, mobile, birthday FROM customers ORDER BY id")).all()
    copy.dispose()
    assert [tuple(r) for r in rows] == [
        ("王○明", None, None),
        ("林○華", None, None),
        ("陳○同", None, None),
    ]


@pytest.mark.django_db
def test_a_pick_without_a_table_is_refused_on_the_page(admin: User, tmp_path: Path, login_as: Any) -> None:
    src = f"sqlite:///{tmp_path / 'crm.db'}"
    _fill(src)
    source = _source(admin, src)
    page = login_as(admin).post(
        reverse("scans:mask_database", args=[source.pk]),
        {
            "picker": "1",
            "target_mode": "new",
            "new_name": "x",
            "default": "pseudonym",
            "birth_date": "generalize",
            "address": "generalize",
        },
    )
    assert page.status_code == 200
    assert "請至少勾選一個資料表。" in page.content.decode()
    assert page.content.decode().count('name="pick_table"') == 2  # the picker is shown again
    assert not Job.objects.exists()
