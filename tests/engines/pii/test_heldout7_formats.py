"""Spellings the seventh held-out corpus (bench/pii/heldout7.py) showed missed, fixed as classes: plates in lower
case or without their dash, foreign passports with letters, e-mails with a written-out or URL-encoded @, UBNs
after an e-invoice's 賣方/買方, the 証 variant of 證, the pinyin header shenfenzheng, and a header row of numbered
placeholders (欄位1 …). Each rule with the hard negative that must stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from shouhu.engines.pii import normalize_value, scan_path
from shouhu.engines.pii.engine import detect, detect_cells
from shouhu.engines.pii.normalize import fold_width
from shouhu.engines.pii.readers.units import header_row
from shouhu.engines.pii.recognizers.keywords import column_hints
from tests.engines.pii.test_prefilter import _fast, _plain

KEY = b"k"
UBN = "04595252"  # passes the UBN check


def _found(text: str, category: str) -> list[str]:
    return [m.normalized for m in detect(fold_width(text)) if m.category == category]


def _in_column(header: str, value: str) -> list[tuple[str, str]]:
    return [(m.category, m.normalized) for _, m in detect_cells([value], [column_hints(header)])]


# --- plates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("車號 abc-1234", "ABC-1234"),
        ("車號 QDB3785", "QDB3785"),
        ("車停B2，車牌5863HM，取貨碼423018", "5863HM"),
        ("車牌：el-0506", "EL-0506"),
        ("Plate: xk1148", "XK1148"),
    ],
)
def test_a_plate_in_lower_case_or_without_its_dash_after_a_plate_word(text: str, plate: str) -> None:
    assert _found(text, "vehicle_plate") == [plate]


@pytest.mark.parametrize(
    "text",
    [
        "型號 ABC1234 已停產",  # a model number
        "user abc1234 logged in",
        "料號 AB1234，車號未填",  # the nearest word names a part
        "SKU xyz-1234",
        "build 2024ab",
    ],
)
def test_a_plate_shape_without_a_plate_word_is_no_plate(text: str) -> None:
    assert _found(text, "vehicle_plate") == []


def test_a_plate_column_reads_any_case_with_or_without_the_dash() -> None:
    assert _in_column("plate_no", "cwm-5138") == [("vehicle_plate", "CWM-5138")]
    assert _in_column("肇事車牌", "VLX2840") == [("vehicle_plate", "VLX2840")]
    assert _in_column("sku", "VLX2840") == []


# --- foreign passports --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["C4208015", "P1855390B", "TR8503092", "AA0878200"])
def test_a_foreign_passport_after_a_passport_word(number: str) -> None:
    assert _found(f"居留證 FB58621931 護照 {number} 入境 2026-07-08", "passport") == [number]
    assert _in_column("passport_no", number) == [("passport", number)]


@pytest.mark.parametrize(
    "text",
    [
        "護照套 訂單 AB1234567",  # the nearest word names an order
        "電子發票 HU10100572 護照",  # an invoice number, the passport word after it
        "護照 P27875434l",  # ten characters: no passport number is longer than nine
        "TR8503092",  # no passport word
    ],
)
def test_letters_and_digits_without_a_passport_word_next_to_them_are_no_passport(text: str) -> None:
    assert _found(text, "passport") == []


def test_a_passport_number_keeps_its_letters_in_its_canonical_form() -> None:
    assert normalize_value("passport", " p1855390b ") == "P1855390B"
    assert normalize_value("passport", "300123456") == "300123456"


# --- e-mails with a written-out or encoded @ ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "請改成 yfan21 [at] outlook.com 謝謝",
        "mail: yfan21(at)outlook.com",
        "contact yfan21 {AT} Outlook.com",
        'GET /api?phone=0912345678&email=yfan21%40outlook.com HTTP/1.1" 200',
        "信箱：yfan21（at）outlook.com",
    ],
)
def test_an_e_mail_with_a_written_out_or_encoded_at(text: str) -> None:
    assert _found(text, "email") == ["yfan21@outlook.com"]


@pytest.mark.parametrize(
    "text",
    [
        "Let us meet at google.com headquarters",  # "at" in prose
        "see you [at] home.",  # no domain after it
        "price (at) 30.5 each",
        "path=%40%40abc",
    ],
)
def test_at_in_prose_is_no_e_mail(text: str) -> None:
    assert _found(text, "email") == []


def test_an_obfuscated_address_hashes_like_the_plain_one() -> None:
    assert normalize_value("email", "YFan21 [at] outlook.com") == "yfan21@outlook.com"
    assert normalize_value("email", "yfan21%40outlook.com") == "yfan21@outlook.com"


# --- UBNs on e-invoices, 証, pinyin headers ----------------------------------------------------------


def test_the_seller_and_buyer_numbers_of_an_e_invoice_line_are_ubns() -> None:
    line = f"電子發票 MX96467496 2026-11-21 隨機碼 2792 賣方 {UBN} 買方 53271971 總計 NT$182,435"
    assert _found(line, "ubn") == [UBN, "53271971"]
    assert _found(f"買受人統一編號：{UBN}", "ubn") == [UBN]


def test_the_invoice_number_and_an_invalid_party_number_stay_out() -> None:
    line = "電子發票 12345678 賣方 12345679 總計 100 元"  # neither passes the UBN check
    assert _found(line, "ubn") == []


def test_the_variant_character_of_the_id_card_word_is_an_id_word() -> None:
    assert _found("身分証字號：K 104 674 748", "tw_national_id") == ["K104674748"]
    assert "tw_national_id" in column_hints("身分証號")


def test_a_pinyin_id_column() -> None:
    assert {"tw_national_id", "tw_resident_id"} <= column_hints("shenfenzheng")
    assert _in_column("shenfenzheng", "T-188795972") == [("tw_national_id", "T188795972")]


# --- a header of numbered placeholders ----------------------------------------------------------------


def test_a_row_of_numbered_placeholders_is_a_header() -> None:
    assert header_row(["欄位1", "欄位2", "欄位10"])
    assert header_row(["Column1", "Column2"])
    assert not header_row(["A123456789", "王小明"])  # a data row stays data
    assert not header_row(["欄位1", "0912345678"])


def test_columns_under_numbered_placeholders_are_named_by_them(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("欄位1,欄位2\nA123456789,0912345678\n", encoding="utf-8")
    found = {(f.category, f.row, f.column) for f in scan_path(str(path), key=KEY).findings}
    assert found == {("tw_national_id", 2, "欄位1"), ("mobile_phone", 2, "欄位2")}


@pytest.mark.parametrize(
    "text",
    [
        "x\n車號 zrp-1485\ny",
        "會員資料改成 lanweiching [at] outlook.com 嗎\n",
        "a\nGET /a?email=cteng38%40outlook.com HTTP\n",
        "護照 C4208015\nPassport no: p1855390b\n",
        "電子發票 隨機碼 2792 賣方 04595252\n",
    ],
)
def test_the_prefilter_wakes_on_the_new_shapes(text: str) -> None:
    assert _fast(text) == _plain(text)
    assert _fast(text) != []


# --- names in Latin letters in a name column; 窗口 --------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "value", "name"),
    [
        ("English Name", "Tzu-kuan Tien", "TienTzu-kuan"),
        ("English Name", "Jason Kao", "JasonKao"),
        ("姓名", "LU, PIN-YU", "LuPin-yu"),
        ("被保險人", "NGUYEN THI HOA", "NguyenThiHoa"),
        ("聯絡窗口", "王小明", "王小明"),
    ],
)
def test_a_name_in_latin_letters_in_a_name_column(header: str, value: str, name: str) -> None:
    assert _in_column(header, value) == [("person_name", name)]


@pytest.mark.parametrize("value", ["N/A", "Not Provided", "Jason Bourne", "see note", "TBD"])
def test_words_in_a_name_column_that_are_no_romanised_name_stay_out(value: str) -> None:
    assert _in_column("English Name", value) == []


# --- columns without a name, read from their values -------------------------------------------------------


def _table(tmp_path: Path, header: str, rows: list[str]) -> set[tuple[str, str]]:
    path = tmp_path / "t.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return {(f.category, f.column or "") for f in scan_path(str(path), key=KEY).findings}


IDS = ["A123456789", "F131104093", "B142775237", "C150269785", "D181898673", "E126153912", "G220133447"]
NAMES = ["黎誠國", "古昱育", "羅庭仲", "趙凱筱", "陳美惠", "林志豪", "張雅婷", "王大明", "李淑芬", "吳家豪"]


def test_a_column_of_ids_under_a_placeholder_reads_its_spaced_ids(tmp_path: Path) -> None:
    rows = [f"{i},x" for i in IDS + ["A126245671"]] + ["K 104 674 748,x"]
    assert ("tw_national_id", "欄位1") in _table(tmp_path, "欄位1,欄位2", rows)
    found = scan_path(str(tmp_path / "t.csv"), key=KEY).findings
    assert any(f.row == 10 and f.category == "tw_national_id" for f in found)


def test_a_column_of_names_beside_personal_data_is_a_name_column(tmp_path: Path) -> None:
    rows = [f"{i},{n}" for i, n in zip(IDS * 2, NAMES, strict=False)]
    assert ("person_name", "欄位2") in _table(tmp_path, "欄位1,欄位2", rows)


def test_surname_led_words_without_personal_data_beside_them_stay_out(tmp_path: Path) -> None:
    dishes = [
        "高麗菜",
        "王子麵",
        "黃金蝦",
        "林檎派",
        "陳皮梅",
        "張飛肉",
        "李子汁",
        "吳郭魚",
        "楊桃汁",
        "周記粥",
    ]
    assert _table(tmp_path, "欄位1,欄位2", [f"{d},{i + 1}" for i, d in enumerate(dishes)]) == set()


def test_a_column_of_few_repeated_names_is_no_name_column(tmp_path: Path) -> None:
    rows = [f"{i},{'王大明' if n % 2 else '林志豪'}" for n, i in enumerate(IDS + IDS)]
    found = _table(tmp_path, "欄位1,欄位2", rows)
    assert ("person_name", "欄位2") not in found


# --- letters for digits (a scan's character recognition, or a typist) ------------------------------------


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        ("身分證字號：D18l898673", "tw_national_id", "D181898673"),
        ("身分証字號：T14236l952　出生日期：085/09/13", "tw_national_id", "T142361952"),
        ("居留證號 X97646B753，護照", "tw_resident_id", "X976468753"),
        ("居留證 HB4301ll03", "tw_resident_id", "HB43011103"),  # the B of an old certificate stays a letter
        ("行動電話：09l8200594", "mobile_phone", "0918200594"),
        ("手機 097O994172", "mobile_phone", "0970994172"),
    ],
)
def test_letters_for_digits_after_an_id_or_phone_word(text: str, category: str, value: str) -> None:
    assert _found(text, category) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "D18l898673",  # no ID word
        "序號 D18l898673",  # a serial
        "身分證字號：D18l898674",  # the reading fails the check
        "備註 09l8200594",  # no phone word
        "身分證 Bolloooooo",
    ],
)
def test_letters_for_digits_without_a_word_or_a_check_stay_out(text: str) -> None:
    assert [m for m in detect(fold_width(text)) if m.category != "person_name"] == []


def test_letters_for_digits_hash_like_the_digits() -> None:
    assert normalize_value("tw_national_id", "d18l898673") == "D181898673"
    assert normalize_value("tw_national_id", "D18l898674") == "D18L898674"  # no valid reading: as written
    assert normalize_value("mobile_phone", "09l8200594") == "0918200594"
    assert normalize_value("mobile_phone", "0912-345-678") == "0912345678"


@pytest.mark.parametrize(
    "text", ["x\n身分証字號：D18l898673\n", "a\n行動電話：09l8200594\n", "居留證 H-A90214687\n"]
)
def test_the_prefilter_wakes_on_letters_for_digits(text: str) -> None:
    assert _fast(text) == _plain(text)
    assert _fast(text) != []


# --- names in running text: signatures, display names, lists, HTML cells ----------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("--\n蕭鈞傑 資安工程師 | 宏碩資訊股份有限公司", ["蕭鈞傑"]),
        ("杜柏雄 業務 | 北辰系統整合股份有限公司", ["杜柏雄"]),
        ("From: 宋怡 <csung97@hongshuo.com.tw>", ["宋怡"]),
        ("出席：宋冠辰、楊承豪、高欣宜", ["宋冠辰", "楊承豪", "高欣宜"]),
        ("待辦：溫芬秀 於 113年4月25日 前完成系統升級。", ["溫芬秀"]),
        ('<table class="member"><tr><th>姓名</th><td>趙家秀</td></tr>', ["趙家秀"]),
    ],
)
def test_a_name_in_a_signature_an_address_header_a_list_or_an_html_cell(text: str, names: list[str]) -> None:
    assert _found(text, "person_name") == names


@pytest.mark.parametrize(
    "text",
    [
        "客服紀錄：客戶來電詢問訂單進度",  # a job word without a name before it
        "高雄 業務經理 徵才",  # a place before the title
        "出席：全體同仁",
        "待辦：更新系統 於週五前",
        "<th>備註</th><td>王道銀行</td>",  # no name label in the cell before
        "Reply-To: <service@example.com>",
    ],
)
def test_job_words_lists_and_cells_without_a_name_stay_out(text: str) -> None:
    assert _found(text, "person_name") == []


@pytest.mark.parametrize(
    "text",
    [
        "x\n蕭鈞傑 資安工程師 | 宏碩\n",
        "y\nFrom: 宋怡 <csung97@hongshuo.com.tw>\n",
        "z\n出席：宋冠辰、楊承豪\n",
        "w\n<tr><th>姓名</th><td>趙家秀</td></tr>\n",
    ],
)
def test_the_prefilter_wakes_on_the_new_name_cues(text: str) -> None:
    assert _fast(text) == _plain(text)
    assert any(category == "person_name" for _, category, _, _ in _fast(text))


# --- a local number in a phone column (its area code in a column of its own) ------------------------------


@pytest.mark.parametrize(
    ("value", "digits"), [("2535-2927", "25352927"), ("834-0551", "8340551"), ("276 467", "276467")]
)
def test_a_local_number_in_a_phone_column_is_a_landline(value: str, digits: str) -> None:
    assert _in_column("tel", value) == [("landline_phone", digits)]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("tel", "1234-5678"),  # no local number starts with 1
        ("tel", "12-3456"),
        ("tel", "2535-29270"),  # nine digits
        ("備註", "2535-2927"),  # not a phone column
        ("金額", "2535-2927"),
    ],
)
def test_digit_groups_that_are_no_local_number_or_not_in_a_phone_column_stay_out(
    header: str, value: str
) -> None:
    assert ("landline_phone", value.replace("-", "")) not in _in_column(header, value)


def test_a_masked_copy_masks_a_local_number_in_a_phone_column(tmp_path: Path) -> None:
    from shouhu.engines.pii import mask

    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("區碼,電話,備註\n(02),2535-2927,2535-2927\n", encoding="utf-8")
    mask.mask_file(str(source), str(target), mask.Policy(key=b"k" * 32))
    row = target.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert row[0] == "(02)"
    assert row[1] == "*****-927"
    assert row[2] == "2535-2927"  # not a phone column: the same digits are no phone there
