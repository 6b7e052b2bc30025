"""Database copies: what each column got (the per-column report), the source only read, a failed copy
leaving no tables behind, and column rules written one per line (the web page's and the API's form)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from shouhu.engines.pii.categories import CATEGORIES
from shouhu.engines.pii.mask.core import parse_rules
from shouhu.engines.pii.mask.methods import METHODS

KEY = b"k" * 32


def _people(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, mobile TEXT, note TEXT);
            INSERT INTO customers VALUES (1, '王小明', '0912345678', '已聯絡'),
                                         (2, '林美華', '0922333444', '來電 0933-111-222');
            CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
            INSERT INTO staff VALUES (1, '王小明'), (2, '王大明');
            """
        )


def test_report_names_each_column_its_category_method_and_count(tmp_path: Path) -> None:
    _people(tmp_path / "src.db")
    policy = mask.Policy(key=KEY, methods={"mobile_phone": "pseudonym"})
    mask.mask_database(
        f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", policy, tables=["customers"]
    )
    assert dict(policy.by_place) == {
        ("customers.name", "person_name", "partial"): 2,
        ("customers.mobile", "mobile_phone", "pseudonym"): 2,
        ("customers.note", "mobile_phone", "pseudonym"): 1,
    }
    assert dict(policy.rows) == {"customers": 2}
    assert policy.place == ""


def test_a_key_column_hashed_instead_of_the_asked_method_is_noted(tmp_path: Path) -> None:
    _people(tmp_path / "src.db")
    policy = mask.Policy(key=KEY, methods={"person_name": "pseudonym"})
    mask.mask_database(
        f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", policy, tables=["staff"]
    )
    notes = [n for n in policy.all_notes() if "key column" in n]
    assert len(notes) == 1
    assert notes[0].startswith("staff.name：鍵欄位")
    assert "instead of person_name=pseudonym" in notes[0]


def test_a_key_column_with_its_own_rule_is_not_noted(tmp_path: Path) -> None:
    _people(tmp_path / "src.db")
    policy = mask.Policy(
        key=KEY, methods={"person_name": "pseudonym"}, columns=parse_rules("staff.name=pseudonym")
    )
    mask.mask_database(
        f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", policy, tables=["staff"]
    )
    assert not [n for n in policy.all_notes() if "key column" in n]


def test_source_is_only_read(tmp_path: Path) -> None:
    _people(tmp_path / "src.db")
    before = hashlib.sha256((tmp_path / "src.db").read_bytes()).hexdigest()
    mask.mask_database(
        f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", mask.Policy(key=KEY)
    )
    assert hashlib.sha256((tmp_path / "src.db").read_bytes()).hexdigest() == before


def test_failed_copy_drops_the_tables_it_created_and_keeps_the_target_others(tmp_path: Path) -> None:
    _people(tmp_path / "src.db")
    with sqlite3.connect(tmp_path / "dst.db") as conn:
        conn.execute("CREATE TABLE keep_me (id INTEGER PRIMARY KEY, v TEXT)")
        conn.execute("INSERT INTO keep_me VALUES (1, 'x')")
    # partial masking is not one-to-one: 王小明 and 王大明 both become 王○明 in a UNIQUE column
    policy = mask.Policy(key=KEY, columns=[mask.ColumnRule("name", "partial")])
    with pytest.raises(ValueError, match="tables this run created were dropped"):
        mask.mask_database(f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", policy)
    with sqlite3.connect(tmp_path / "dst.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        kept = conn.execute("SELECT v FROM keep_me").fetchall()
    assert (tables, kept) == (["keep_me"], [("x",)])


def test_rules_one_per_line() -> None:
    text = "# comment\n\nemail = hash\ncust_* =keep\nnote=pseudonym:tw_national_id\n"
    assert parse_rules(text) == [
        mask.ColumnRule("email", "hash"),
        mask.ColumnRule("cust_*", "keep"),
        mask.ColumnRule("note", "pseudonym", "tw_national_id"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("email", "line 1 must be COLUMN=METHOD"),
        ("a=hash\n=hash", "line 2 must be COLUMN=METHOD"),
        ("a=shred", "line 1: unknown masking method"),
        ("a=hash:shoe_size", "line 1: unknown category"),
    ],
)
def test_bad_rule_lines_are_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rules(text)


line = st.one_of(
    st.text(max_size=40),
    st.tuples(
        st.text(
            alphabet=st.characters(blacklist_characters="=\r\n\x1c\x1d\x1e\x85\u2028\u2029#"), min_size=1
        ),
        st.sampled_from(METHODS),
        st.sampled_from(("", *CATEGORIES)),
    ).map(lambda t: f"{t[0]}={t[1]}" + (f":{t[2]}" if t[2] else "")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=8))
def test_any_rule_text_parses_to_valid_rules_or_a_named_line(lines: list[str]) -> None:
    """Fuzz: any text is either rules the policy accepts or a ValueError naming a line, never another error."""
    text = "\n".join(lines)
    try:
        rules = parse_rules(text)
    except ValueError:
        with pytest.raises(ValueError, match=r"line [0-9]+"):
            parse_rules(text)
        return
    policy = mask.Policy(key=KEY, columns=rules)
    assert all(r.pattern and r.method in METHODS for r in policy.columns)
    assert all(r.category is None or r.category in CATEGORIES for r in policy.columns)


# --- fuzzing the database copy's writer: any cell text keeps the table's shape, deterministically --------

FRAGMENTS = [
    "王小明",
    "0912-345-678",
    "A123456789",
    "台北市大安區信義路三段134巷5弄7號",
    "a@b.com",
    "'",
    '"',
    "\n",
    " ",
]
text_cell = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=24),
    st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join),
)
row = st.tuples(text_cell, text_cell, st.integers(-(2**31), 2**31 - 1), st.dates())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, max_size=12))
def test_any_cells_copy_into_the_same_shape_and_the_same_result_twice(rows: list[tuple[object, ...]]) -> None:
    import datetime as dt
    import tempfile

    import sqlalchemy as sa

    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "src.db"
        with sqlite3.connect(src) as conn:
            conn.execute(
                "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT, qty INTEGER, born DATE)"
            )
            conn.executemany(
                "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                [(n, a, b, q, d.isoformat()) for n, (a, b, q, d) in enumerate(rows, start=1)],
            )
        copies = []
        for name in ("one.db", "two.db"):
            policy = mask.Policy(key=KEY, methods={"birth_date": "generalize"}, default="pseudonym")
            mask.mask_database(f"sqlite:///{src}", f"sqlite:///{Path(folder) / name}", policy)
            engine = sa.create_engine(f"sqlite:///{Path(folder) / name}")
            table = sa.Table("t", sa.MetaData(), autoload_with=engine)
            with engine.connect() as conn:
                copies.append([tuple(r) for r in conn.execute(sa.select(table).order_by(table.c.id))])
            engine.dispose()
    assert copies[0] == copies[1]  # deterministic: the same key gives the same copy
    assert [r[0] for r in copies[0]] == list(range(1, len(rows) + 1))
    assert [r[3] for r in copies[0]] == [q for _a, _b, q, _d in rows]  # a plain number column is untouched
    assert all(r[1] is None or isinstance(r[1], str) for r in copies[0])
    assert all(isinstance(r[4], dt.date) for r in copies[0])  # dates stay dates


def test_rows_are_reported_after_each_batch(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "src.db") as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", [(n, "x") for n in range(1, 2501)])
    seen: list[tuple[str, int]] = []
    mask.mask_database(
        f"sqlite:///{tmp_path / 'src.db'}",
        f"sqlite:///{tmp_path / 'dst.db'}",
        mask.Policy(key=KEY),
        row_progress=lambda table, rows: seen.append((table, rows)),
    )
    assert seen == [("t", 1000), ("t", 2000), ("t", 2500)]
