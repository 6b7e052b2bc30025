"""Column names found on the seventh held-out corpus (a class each, not its values): 證號 / 證件號碼 name an
identity document's number (not "some thing's number"); 被保險人, 訂購人, buyer … name a person; shengri (pinyin) a
birthday."""

import pytest

from shouhu.engines.pii import scan_path

KEY = b"k"


@pytest.mark.parametrize(
    ("header", "value", "category"),
    [
        ("證號", "A123456789", "tw_national_id"),
        ("證件號碼", "F131104093", "tw_national_id"),
        ("被保險人", "王小明", "person_name"),
        ("訂購人", "陳大同", "person_name"),
        ("buyer", "林美華", "person_name"),
        ("xingming", "張志豪", "person_name"),
        ("shengri", "1985-03-02", "birth_date"),
    ],
)
def test_a_column_named_for_personal_data_is_read_as_such(tmp_path, header, value, category) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"序,{header}\n1,{value}\n2,{value}\n", encoding="utf-8")
    found = {(f.category, f.column) for f in scan_path(str(path), key=KEY).findings}
    assert (category, header) in found


def test_a_thing_number_column_stays_not_personal(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "序,訂單號碼\n1,A123456789\n", encoding="utf-8"
    )  # passes the ID checksum, an order's number
    assert scan_path(str(path), key=KEY).findings == []
