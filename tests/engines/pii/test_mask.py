"""Masking toolkit: methods per category, masked copies of files and databases, joins kept."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from shouhu.engines.pii import mask, scan_text
from shouhu.engines.pii.checksums import luhn_ok, valid_national_id, valid_resident_id_new, valid_ubn
from shouhu.engines.pii.mask.cli import main as mask_main
from shouhu.engines.pii.mask.files import mask_sql_line

KEY = b"k" * 32


def policy(**kwargs: object) -> mask.Policy:
    return mask.Policy(key=KEY, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("姓名：王小明", "姓名：王○明"),
        ("身分證 A123456789", "身分證 A12****789"),
        ("手機 0912-345-678", "手機 0912-***-678"),
        ("地址：台北市大安區信義路三段134巷5弄7號", "地址：臺北市大安區○路○段○巷○弄○號"),
    ],
)
def test_partial_masking_in_the_common_taiwanese_styles(text: str, masked: str) -> None:
    assert mask.mask_text(text, policy()) == masked


def _pseudo(text: str) -> str:
    return mask.mask_text(text, policy(default="pseudonym"))


def test_pseudonymous_national_id_passes_the_checksum_and_differs() -> None:
    out = _pseudo("身分證 A123456789").removeprefix("身分證 ")
    assert (valid_national_id(out), out != "A123456789", out[1]) == (True, True, "1")


def test_pseudonymous_resident_id_passes_the_new_checksum() -> None:
    out = _pseudo("居留證 A800000014").removeprefix("居留證 ")
    assert valid_resident_id_new(out)


def test_pseudonymous_card_keeps_grouping_and_passes_luhn() -> None:
    out = _pseudo("卡號 4111-1111-1111-1111").removeprefix("卡號 ")
    assert (out[0], out[4], out[9], luhn_ok(out.replace("-", ""))) == ("4", "-", "-", True)


def test_pseudonymous_ubn_passes_the_mod5_rule() -> None:
    assert valid_ubn(_pseudo("統編 04595252").removeprefix("統編 "))


def test_pseudonymous_mobile_keeps_its_layout() -> None:
    out = _pseudo("手機 0912-345-678").removeprefix("手機 ")
    assert (out[:2], out[4], out[8], len(out), out != "0912-345-678") == ("09", "-", "-", 12, True)


def test_pseudonyms_are_deterministic_so_joins_survive() -> None:
    assert _pseudo("身分證 A123456789") == _pseudo("身分證字號：A123456789").replace("字號：", " ")


def test_pseudonyms_depend_on_the_key() -> None:
    other = mask.Policy(key=b"x" * 32, default="pseudonym")
    assert mask.mask_text("身分證 A123456789", other) != _pseudo("身分證 A123456789")


def test_pseudonymous_values_are_still_recognised() -> None:
    out = _pseudo("手機 0912345678，身分證 A123456789")
    assert sorted(f.category for f in scan_text(out, key=b"k")) == ["mobile_phone", "tw_national_id"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生日 1980-05-17", "生日 1980"),
        ("地址：台北市大安區信義路三段134巷5弄7號", "地址：臺北市大安區"),
    ],
)
def test_generalisation(text: str, expected: str) -> None:
    assert mask.mask_text(text, policy(default="generalize")) == expected


def test_removal_and_keyed_hash() -> None:
    assert mask.mask_text("手機 0912345678", policy(default="remove")) == "手機 "
    hashed = mask.mask_text("手機 0912345678", policy(default="hash"))
    assert hashed == mask.mask_text("手機 0912-345-678", policy(default="hash")) != "手機 0912345678"


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown masking method"):
        policy(default="scramble")


def test_column_rules_apply_to_whole_cells() -> None:
    p = policy(columns=[mask.ColumnRule("note", "remove"), mask.ColumnRule("cust_*", "keep")])
    assert (
        mask.mask_cell("任何內容", "note", p),
        mask.mask_cell("0912345678", "cust_phone", p),
        mask.mask_cell("王小明", "姓名", p),
    ) == ("", "0912345678", "王○明")


# --- files -----------------------------------------------------------------------------------


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


def _read_csv(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


PEOPLE = [
    ["id", "姓名", "身分證字號", "手機", "金額"],
    ["1", "王小明", "A123456789", "0912-345-678", "1200"],
    ["2", "林美華", "F131104093", "0922333444", "80"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "cp950"])
def test_csv_copy_keeps_shape_header_and_other_columns(tmp_path: Path, encoding: str) -> None:
    _csv(tmp_path / "in.csv", PEOPLE, encoding)
    counts = mask.mask_file(str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), policy())
    rows = _read_csv(tmp_path / "out.csv", encoding)
    assert rows == [
        PEOPLE[0],
        ["1", "王○明", "A12****789", "0912-***-678", "1200"],
        ["2", "林○華", "F13****093", "0922-***-444", "80"],
    ]
    assert counts == {"person_name": 2, "tw_national_id": 2, "mobile_phone": 2}


def test_joins_survive_across_files(tmp_path: Path) -> None:
    _csv(tmp_path / "people.csv", PEOPLE)
    _csv(tmp_path / "orders.csv", [["order", "national_id"], ["9001", "A123456789"], ["9002", "F131104093"]])
    p = policy(default="pseudonym")
    mask.mask_file(str(tmp_path / "people.csv"), str(tmp_path / "p.csv"), p)
    mask.mask_file(str(tmp_path / "orders.csv"), str(tmp_path / "o.csv"), p)
    people = {r[2] for r in _read_csv(tmp_path / "p.csv")[1:]}
    orders = {r[1] for r in _read_csv(tmp_path / "o.csv")[1:]}
    assert people == orders
    assert not people & {"A123456789", "F131104093"}


def test_xlsx_copy_keeps_types(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客戶"
    sheet.append(["姓名", "生日", "數量", "手機"])
    sheet.append(["王小明", dt.date(1980, 5, 17), 42, "0912345678"])
    book.save(tmp_path / "in.xlsx")
    mask.mask_file(
        str(tmp_path / "in.xlsx"), str(tmp_path / "out.xlsx"), policy(methods={"birth_date": "generalize"})
    )
    out = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    values = [c.value for c in out[2]]
    assert (out.title, values[0], values[1].year, values[1].month, values[2], values[3]) == (
        "客戶",
        "王○明",
        1980,
        1,
        42,
        "0912-***-678",
    )


def test_jsonl_copy_stays_json_with_the_same_keys(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"name": "王小明", "contact": {"mobile": "0912345678"}, "n": 3}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    mask.mask_file(str(src), str(tmp_path / "out.jsonl"), policy())
    [line] = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"name": "王○明", "contact": {"mobile": "0912-***-678"}, "n": 3}


def test_sql_dump_copy_still_loads(tmp_path: Path) -> None:
    dump = (
        "CREATE TABLE people (id INTEGER, name TEXT, phone TEXT, note TEXT);\n"
        "INSERT INTO people (id, name, phone, note) VALUES (1, '王小明', '0912345678', 'it''s ok'), "
        "(2, '林美華', '0922-333-444', '身分證 A123456789');\n"
    )
    (tmp_path / "in.sql").write_text(dump, encoding="utf-8")
    mask.mask_file(str(tmp_path / "in.sql"), str(tmp_path / "out.sql"), policy())
    db = sqlite3.connect(":memory:")
    db.executescript((tmp_path / "out.sql").read_text(encoding="utf-8"))
    assert db.execute("SELECT * FROM people ORDER BY id").fetchall() == [
        (1, "王○明", "0912-***-678", "it's ok"),
        (2, "林○華", "0922-***-444", "身分證 A12****789"),
    ]


def test_output_may_not_overwrite_the_input(tmp_path: Path) -> None:
    _csv(tmp_path / "in.csv", PEOPLE)
    with pytest.raises(ValueError, match="must not overwrite"):
        mask.mask_file(str(tmp_path / "in.csv"), str(tmp_path / "in.csv"), policy())


def test_cli_masks_a_file_with_column_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _csv(tmp_path / "in.csv", PEOPLE)
    key = tmp_path / "mask.key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef")
    code = mask_main(
        [
            str(tmp_path / "in.csv"),
            str(tmp_path / "out.csv"),
            "--key-file",
            str(key),
            "--column",
            "金額=remove",
        ]
    )
    assert code == 0
    assert [r[4] for r in _read_csv(tmp_path / "out.csv")] == ["金額", "", ""]
    assert "masked 8 values" in capsys.readouterr().out


def test_cli_reports_a_bad_method_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv(tmp_path / "in.csv", PEOPLE)
    assert mask_main([str(tmp_path / "in.csv"), str(tmp_path / "o.csv"), "--column", "x=shred"]) == 1
    assert "unknown masking method" in capsys.readouterr().err


# --- databases -------------------------------------------------------------------------------


def _fill(url: str, prefix: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    people = sa.Table(
        f"{prefix}people",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(40)),
        sa.Column("national_id", sa.String(10)),
        sa.Column("phone", sa.String(12)),
        sa.Column("birthday", sa.Date),
        sa.Column("score", sa.Integer),
    )
    orders = sa.Table(
        f"{prefix}orders",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("national_id", sa.String(10)),
        sa.Column("amount", sa.Numeric(10, 2)),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            people.insert(),
            [
                {
                    "id": 1,
                    "name": "王小明",
                    "national_id": "A123456789",
                    "phone": "0912345678",
                    "birthday": dt.date(1980, 5, 17),
                    "score": 7,
                },
                {
                    "id": 2,
                    "name": "林美華",
                    "national_id": "F131104093",
                    "phone": "0922-333-444",
                    "birthday": dt.date(1991, 1, 2),
                    "score": 9,
                },
            ],  # fmt: skip
        )
        conn.execute(orders.insert(), [{"id": 10, "national_id": "A123456789", "amount": 12.5}])
    engine.dispose()


def _check_copy(source: str, target: str, prefix: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    p = policy(methods={"tw_national_id": "pseudonym", "birth_date": "generalize"})
    mask.mask_database(source, target, p, tables=[f"{prefix}people", f"{prefix}orders"])
    engine = sa.create_engine(target)
    with engine.connect() as conn:
        people = conn.exec_driver_sql(
            f"SELECT id, name, national_id, phone, birthday, score FROM {prefix}people ORDER BY id"  # noqa: S608
        ).all()
        orders = conn.exec_driver_sql(f"SELECT national_id, amount FROM {prefix}orders").all()  # noqa: S608
    engine.dispose()
    assert [(r[0], r[1], r[3], r[5]) for r in people] == [
        (1, "王○明", "0912-***-678", 7),
        (2, "林○華", "0922-***-444", 9),
    ]
    assert [str(r[4])[:10] for r in people] == ["1980-01-01", "1991-01-01"]
    assert valid_national_id(people[0][2])
    assert people[0][2] != "A123456789"
    assert orders[0][0] == people[0][2]  # the join column still matches
    assert float(orders[0][1]) == 12.5


def test_sqlite_database_copy(tmp_path: Path) -> None:
    _fill(f"sqlite:///{tmp_path / 'src.db'}", "")
    _check_copy(f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", "")


def test_copy_refuses_to_overwrite_existing_tables(tmp_path: Path) -> None:
    _fill(f"sqlite:///{tmp_path / 'src.db'}", "")
    _fill(f"sqlite:///{tmp_path / 'dst.db'}", "")
    with pytest.raises(ValueError, match="already has tables"):
        mask.mask_database(f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}", policy())


def test_postgresql_database_copy(pg_pair: tuple[str, str]) -> None:
    _fill(pg_pair[0], "t_")
    _check_copy(pg_pair[0], pg_pair[1], "t_")


def test_mariadb_database_copy(my_pair: tuple[str, str]) -> None:
    _fill(my_pair[0], "t_")
    _check_copy(my_pair[0], my_pair[1], "t_")


def test_sql_line_without_insert_is_unchanged() -> None:
    line = "-- 王小明 0912345678\n"
    assert mask_sql_line(line, policy()) == line


def test_number_and_date_cells_keep_their_type_when_the_method_cannot() -> None:
    from shouhu.engines.pii.mask.files import mask_any

    card = mask_any(4111111111111111, "card_number", policy())
    born = mask_any(dt.date(1980, 5, 17), "生日", policy())
    assert (type(card), luhn_ok(str(card)), card != 4111111111111111) == (int, True, True)
    assert born == dt.date(1980, 1, 1)


def test_masked_values_fit_the_column_length(pg_pair: tuple[str, str]) -> None:
    sa = pytest.importorskip("sqlalchemy")
    source, target = pg_pair
    engine = sa.create_engine(source)
    meta = sa.MetaData()
    table = sa.Table(
        "phones", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("phone", sa.String(10))
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"id": 1, "phone": "0912345678"}])
    engine.dispose()
    mask.mask_database(source, target, policy())
    engine = sa.create_engine(target)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT phone FROM phones").scalar() == "0912***678"
    engine.dispose()


# --- a phone that lost its leading zero (912345678), in text and in number cells alike ------------


def test_text_phone_without_its_leading_zero_is_masked_like_the_number() -> None:
    from shouhu.engines.pii.mask.files import mask_any

    p = mask.Policy(key=KEY, methods={"mobile_phone": "pseudonym"})
    as_text = mask.mask_cell("912345678", "手機", p)
    as_number = mask_any(912345678, "手機", p)
    assert as_text != "912345678"
    assert len(as_text) == 9  # the zero stays dropped: the cell keeps its shape
    assert as_text[0] == "9"
    assert as_text == str(as_number)  # a text column and a number column holding the same phone still join
    assert p.counts["mobile_phone"] == 2


def test_text_phone_without_its_leading_zero_hashes_like_the_written_phone() -> None:
    p = mask.Policy(key=KEY, default="hash")
    assert mask.mask_cell("912345678", "mobile", p) == mask.mask_cell("0912-345-678", "mobile", p)


def test_text_phone_without_its_leading_zero_is_partially_masked() -> None:
    assert mask.mask_cell("912345678", "手機", mask.Policy(key=KEY)) == "0912-***-678"
    assert mask.mask_cell("223456789", "電話", mask.Policy(key=KEY)) != "223456789"


def test_bare_digits_outside_a_phone_column_are_not_taken_for_a_phone() -> None:
    p = mask.Policy(key=KEY)
    assert mask.mask_cell("912345678", "數量", p) == "912345678"
    assert p.counts == {}


def test_scan_reports_a_phone_without_its_leading_zero_in_a_phone_column(tmp_path: Path) -> None:
    from shouhu.engines.pii import ScanOptions
    from shouhu.engines.pii.files import scan_file

    (tmp_path / "a.csv").write_text("姓名,手機\n王小明,912345678\n", encoding="utf-8")
    findings = scan_file(str(tmp_path / "a.csv"), KEY, ScanOptions()).findings
    assert [(f.category, f.column) for f in findings if f.category == "mobile_phone"] == [
        ("mobile_phone", "手機")
    ]


def test_cli_summary_lists_long_integers_left_unmasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.csv").write_text(
        "姓名,會員編號,數量\n王小明,9876543210,12\n林美華,9876543211,3\n", encoding="utf-8"
    )
    code = mask_main([str(tmp_path / "in.csv"), str(tmp_path / "out.csv")])
    out = capsys.readouterr().out
    assert code == 0
    assert "integers of 7+ digits left unmasked: 2" in out
    assert "  會員編號: 2" in out.splitlines()
    assert "數量" not in out  # short numbers are no identifiers


def test_cli_says_which_column_rule_matched_no_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv(tmp_path / "in.csv", PEOPLE)
    key = tmp_path / "mask.key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef")
    args = [str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--key-file", str(key)]
    code = mask_main([*args, "--column", "金額=remove", "--column", "nosuch=remove"])
    err = capsys.readouterr().err
    assert code == 0
    assert "column rule “nosuch” matched no column" in err
    assert "“金額”" not in err


def test_database_copy_notes_a_pick_naming_a_missing_column(tmp_path: Path) -> None:
    source = tmp_path / "src.db"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO customers (name) VALUES ('王小明')")
    rules = mask.column_rules(
        [
            {"table": "customers", "column": "name", "method": "partial"},
            {"table": "customers", "column": "nmae", "method": "remove"},
        ]
    )
    policy = mask.Policy(key=b"k" * 32, columns=rules)
    mask.mask_database(f"sqlite:///{source}", f"sqlite:///{tmp_path / 'out.db'}", policy)
    notes = policy.all_notes()
    assert [n for n in notes if "matched no column" in n] == [
        "欄位規則「customers.nmae」沒有符合任何欄位，未套用；該欄若存在，僅依偵測結果遮罩 / column rule "
        "“customers.nmae” matched no column and was not applied; such a column, if present, was masked only "
        "where detection found personal data"
    ]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p / "missing.csv", "找不到檔案或資料夾 / file or folder not found"),
        (
            lambda p: (p / "broken.xlsx", (p / "broken.xlsx").write_bytes(b"PK\x03\x04 not a zip"))[0],
            "內容不是有效的 XLSX 活頁簿",
        ),
    ],
)
def test_cli_failures_are_said_in_both_languages_not_in_the_systems_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, said: str
) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    code = mask_main([str(source), str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert said in err
    assert "Errno" not in err
    assert "BadZipFile" not in err


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (
            "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "無法連線或讀寫資料庫 / cannot connect to or use the database",
        ),
        ("notadb://host/db", "不支援的資料庫種類"),
    ],
)
def test_cli_database_failures_are_said_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, said: str
) -> None:
    code = mask_main([source, f"sqlite:///{tmp_path / 'out.db'}"])
    err = capsys.readouterr().err
    assert code == 1
    assert said in err
    assert "OperationalError:" not in err  # the type at most, never the driver's message


def test_a_plain_mysql_url_uses_the_installed_driver(my_pair: tuple[str, str], tmp_path: Path) -> None:
    import sqlalchemy as sa

    source, _ = my_pair
    with sa.create_engine(source).begin() as conn:
        conn.exec_driver_sql("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20))")
        conn.exec_driver_sql("INSERT INTO people VALUES (1, '王小明')")
    plain = source.replace("mysql+pymysql://", "mysql://")  # MySQLdb, SQLAlchemy's default, is not installed
    target = tmp_path / "out.db"
    mask.mask_database(plain, f"sqlite:///{target}", mask.Policy(key=b"k" * 32))
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT name FROM people").fetchall() == [("王○明",)]


def test_cli_output_into_a_folder_that_is_missing_is_said_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv(tmp_path / "in.csv", PEOPLE)
    code = mask_main([str(tmp_path / "in.csv"), str(tmp_path / "no" / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert "找不到檔案或資料夾 / file or folder not found" in err
    assert "Errno" not in err
