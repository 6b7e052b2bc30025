"""Fuzzing JSONL masking with ``\\u`` escapes (CJK, surrogate pairs, lone surrogates), escaped quotes and
backslashes, nested objects and arrays, numbers, booleans and null: every output line is one valid JSON value
with the input's keys, structure and types, and personal data inside strings is masked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shouhu.engines.pii import mask
from tests.engines.pii.masked_files import KEY, masked_bytes

FRAGMENTS = [
    "王小明",
    "0912345678",
    "A123456789",
    "台北市大安區信義路三段134巷5弄7號",
    "a@b.com",
    "😀",  # written as the surrogate pair \ud83d\ude00
    "\ud83d",  # a lone surrogate: valid JSON text (\ud83d), not valid UTF-8
    "\ude00",
    '"',
    "\\",
    "\n",
    "\r",
    "\t",
    "\x00",
    "\u2028",  # line and paragraph separators: JSON leaves them raw, str.splitlines() breaks on them
    "\u2029",
    "\x85",
    "\x1e",
    "{",
    "]",
    " ",
]
text = st.one_of(st.text(max_size=15), st.lists(st.sampled_from(FRAGMENTS), max_size=5).map("".join))
#: Fractions whose digits after the point spell a phone, a card or a date (0.0912345678 came back as null).
FRACTIONS = st.builds(
    lambda whole, digits: float(f"{whole}.{digits}"),
    st.integers(-999, 999),
    st.sampled_from(["0912345678", "4111111111111111", "19800517", "886912345678"]),
)
KEYS = st.one_of(text, st.sampled_from(["姓名", "手機", "身分證字號", "地址", "email", "note", "生日"]))
leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    FRACTIONS,
    text,
)
value = st.recursive(
    leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=12
)
record = st.dictionaries(KEYS, value, max_size=5)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Planted in every record, written with \u escapes: what must come out masked.
PLANTED = {"身分證字號": "A123456789", "note": "王小明 0912345678", "list": [{"手機": "0912345678"}]}


def _strict(line: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse)


def _shape(value: object) -> object:
    """Keys (in order), list lengths and leaf types; booleans, null and fractions as themselves."""
    if isinstance(value, float) and not value.is_integer():
        return value  # a fraction is no identifier: the same number comes back
    if isinstance(value, dict):
        return [(k, _shape(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if value is None or isinstance(value, bool):
        return value
    return type(value).__name__


def _removable(before: object, after: object) -> object:
    """``before``'s shape where ``after`` has null in place of a number (what ``remove`` writes for one)."""
    if before in ("int", "float") and after is None:
        return None
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            (b[0], _removable(b[1], a[1]))
            if isinstance(b, tuple) and isinstance(a, tuple)
            else _removable(b, a)
            for b, a in zip(before, after, strict=True)
        ]
    return before


@FUZZ
@given(
    st.lists(record, min_size=1, max_size=5),
    st.sampled_from(["partial", "pseudonym", "hash", "generalize", "remove"]),
    st.booleans(),
)
@example(
    [{"": [4298904294423658.0]}], "remove", True
)  # a card-like number: removed as null (found by CI's fuzz)
def test_jsonl_keeps_lines_keys_structure_and_types(
    records: list[dict[str, Any]], method: str, escaped: bool
) -> None:
    records = [{**r, **PLANTED} for r in records]
    data = "".join(json.dumps(r, ensure_ascii=escaped) + "\n" for r in records).encode(
        "utf-8", "surrogatepass"
    )
    if not escaped:  # raw UTF-8 cannot hold a lone surrogate: only the escaped form is a valid file
        data = "".join(json.dumps(r) + "\n" for r in records).encode()
    out = masked_bytes(data, ".jsonl", method).decode("utf-8")  # strict UTF-8
    lines = out.split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(records)
    assert out.splitlines() == lines[:-1]  # no raw line or paragraph separator splits a record
    parsed = [_strict(line) for line in lines[:-1]]
    read = [
        json.loads(line) for line in data.decode("utf-8", "surrogatepass").split("\n")[:-1]
    ]  # '\\ud83d\\ude00' is 😀
    expected = [_shape(r) for r in read]
    if method == "remove":  # a number recognised as personal data (a Luhn-valid 16 digits) is removed: null
        expected = [_removable(e, _shape(a)) for e, a in zip(expected, parsed, strict=True)]
    assert [_shape(r) for r in parsed] == expected
    for after in parsed:
        assert after["身分證字號"] != "A123456789"
        assert "0912345678" not in after["note"]
        assert after["list"][0]["手機"] != "0912345678"
        if method == "partial":
            assert after["身分證字號"] == "A12****789"
            assert after["note"] == "王○明 0912-***-678"


def test_a_number_read_as_a_card_is_removed_as_null_and_the_rest_keeps_its_type() -> None:
    out = masked_bytes(b'{"": [4298904294423658.0, 12.5, 7]}\n', ".jsonl", "remove").decode()
    assert _strict(out) == {"": [None, 12.5, 7]}


def test_unicode_escapes_are_read_and_masked() -> None:
    line = r'{"\u59d3\u540d": "\u738b\u5c0f\u660e", "q": "say \"hi\" \\ \ud83d\ude00", "n": [1, 2.5, true, null]}'
    out = masked_bytes((line + "\n").encode(), ".jsonl").decode()
    assert out == '{"姓名": "王○明", "q": "say \\"hi\\" \\\\ 😀", "n": [1, 2.5, true, null]}\n'


def test_a_lone_surrogate_is_written_back_escaped() -> None:
    out = masked_bytes(b'{"note": "\\ud83d 0912345678"}\n', ".jsonl").decode("utf-8")
    assert _strict(out) == {"note": "\ud83d 0912-***-678"}


def test_line_separators_inside_strings_stay_escaped() -> None:
    out = masked_bytes(b'{"note": "a\\u2028b\\u2029c\\u0085d"}\n', ".jsonl").decode("utf-8")
    assert out == '{"note": "a\\u2028b\\u2029c\\u0085d"}\n'


def test_a_fraction_whose_digits_spell_a_phone_comes_back_as_written() -> None:
    line = '{"note": 0.0912345678, "手機": [1.0912345678, -3.5], "n": "0912345678"}\n'
    out = masked_bytes(line.encode(), ".jsonl").decode()
    assert out == '{"note": 0.0912345678, "手機": [1.0912345678, -3.5], "n": "0912-***-678"}\n'


@pytest.mark.parametrize("number", ["1e400", "-1E+999", "1" * 5000, "-" + "9" * 4400])
def test_numbers_python_cannot_hold_are_written_as_they_stood(number: str) -> None:
    out = masked_bytes(f'{{"n": {number}, "list": [{number}, "A123456789"]}}\n'.encode(), ".jsonl").decode()
    assert out == f'{{"n": {number}, "list": [{number}, "A12****789"]}}\n'


@pytest.mark.parametrize("line", ["{not json}", '{"a": 1', "[" * 100_000 + "]" * 100_000])
def test_a_line_that_is_not_json_is_a_clear_error(tmp_path: Path, line: str) -> None:
    (tmp_path / "in.jsonl").write_text('{"ok": 1}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2 of the JSONL file"):
        mask.mask_file(str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl"), mask.Policy(key=KEY))
    assert not (tmp_path / "out.jsonl").exists()


def test_a_jsonl_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes('{"姓名": "王小明"}\n'.encode("cp950"))
    with pytest.raises(ValueError, match="line 1 holds bytes that are not utf-8"):
        mask.mask_file(str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl"), mask.Policy(key=KEY))


def test_a_line_with_nothing_to_mask_is_written_as_it_stood() -> None:
    line = '{"b":1,  "a" : 2.50, "s":"\\u0041", "big": 1e400}'
    out = masked_bytes((line + "\n").encode(), ".jsonl").decode()
    assert out == line + "\n"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (
            '{"name":"王小明","n":[1,2]}',
            '{"name":"王○明","n":[1,2]}',
        ),  # JSON.stringify's compact form stays compact
        ('{"name": "王小明", "n": [1, 2]}', '{"name": "王○明", "n": [1, 2]}'),
    ],
)
def test_a_masked_line_keeps_its_separators(line: str, masked: str) -> None:
    assert masked_bytes((line + "\n").encode(), ".jsonl").decode() == masked + "\n"


def test_json_in_a_csv_cell_keeps_its_separators() -> None:
    data = '姓名,資料\n王小明,"{""name"":""王小明"",""tel"":""0912345678""}"\n'.encode()
    out = masked_bytes(data, ".csv").decode("utf-8-sig")
    assert '{""name"":""王○明"",""tel"":""0912-***-678""}' in out
