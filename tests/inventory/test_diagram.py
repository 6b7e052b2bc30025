from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from shouhu.inventory import diagram, services
from shouhu.inventory.models import PersonalDataFile, System

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  (our own output)


def test_derived_flow_links_stages_across_systems(
    make_file: Callable[..., PersonalDataFile], system: System, officer: Any, org: dict[str, Any]
) -> None:
    backup = services.create_system(
        actor=officer,
        data={
            "name": "備份主機",
            "kind": "system",
            "location": "own_dc",
            "network_zone": "db",
            "holds_real_data": True,
        },
    )
    make_file(
        systems=[system, backup], cross_border=True, countries=["日本"], lifecycle_processing="API 同步"
    )
    make_file(name="客服紀錄", systems=[system], lifecycle_collection="客服電話")
    flow = diagram.build("電商會員服務", PersonalDataFile.objects.all())
    root = parse(diagram.to_svg(flow))
    nodes = root.findall(f"{SVG}g[@class='node']")
    stages = [n.get("data-stage") for n in nodes]
    assert stages.count("storage") == 2  # 會員資料庫 shared by both files, 備份主機
    assert {"collection", "internal", "external", "storage", "use", "deletion"} <= set(stages)
    labels = {n.find(f"{SVG}text").text for n in nodes}  # type: ignore[union-attr]
    assert {"會員資料庫", "備份主機", "跨境：日本", "會員註冊網頁", "客服電話"} <= labels
    systems = [n for n in nodes if n.get("data-system") == "true"]
    assert len(systems) == 2
    edges = root.findall(f"{SVG}path[@class='edge']")
    assert len(edges) == len(flow.edges)
    keys = {(a.label, b.label) for a, b in flow.edges}
    assert ("跨境：日本", "會員資料庫") in keys
    assert ("客服電話", "會員資料庫") in keys  # 客服紀錄 has no transmission step: collection → storage
    columns = [t.text for t in root.findall(f"{SVG}text[@class='column']")]
    assert columns == ["蒐集", "傳輸", "儲存", "利用", "刪除"]
    assert int(root.get("height", "0")) == flow.height


def test_explicit_steps_replace_derived_ones(
    make_file: Callable[..., PersonalDataFile], system: System, officer: Any
) -> None:
    pd_file = make_file()
    services.add_flow_step(
        actor=officer, pd_file=pd_file, data={"stage": "collection", "description": "紙本申請書", "order": 1}
    )
    services.add_flow_step(
        actor=officer, pd_file=pd_file, data={"stage": "storage", "system": system, "order": 2}
    )
    flow = diagram.build("x", [pd_file])
    assert [(n.stage, n.label) for n in flow.nodes] == [
        ("collection", "紙本申請書"),
        ("storage", "會員資料庫"),
    ]
    assert len(flow.edges) == 1


def test_labels_are_escaped_and_wrapped_never_cut(make_file: Callable[..., PersonalDataFile]) -> None:
    label = "<script>alert(1)</script> 很長很長很長的蒐集說明"
    pd_file = make_file(lifecycle_collection=label)
    flow = diagram.build("a&b", [pd_file])
    svg = diagram.to_svg(flow)
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "資料流程圖：a&b"  # type: ignore[union-attr]
    wrapped = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None)
    assert "".join(span.text or "" for span in wrapped.iter(f"{SVG}tspan")) == label
    node = next(n for n in flow.nodes if n.label == label)
    assert node.box_h >= len(wrapped.findall(f"{SVG}tspan")) * diagram.LINE_H


def test_png_is_rendered(make_file: Callable[..., PersonalDataFile]) -> None:
    flow = diagram.build("x", [make_file()])
    png = diagram.to_png(flow)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(png)) as img:
        assert img.size == (flow.width * 2, flow.height * 2)


def test_png_without_pillow_says_so(make_file: Callable[..., PersonalDataFile], monkeypatch: Any) -> None:
    import sys

    import pytest

    from shouhu.core.exports import ExportError

    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ExportError, match="Pillow"):
        diagram.to_png(diagram.build("x", [make_file()]))


def test_png_lines_of_a_long_label_fit_inside_their_box(make_file: Callable[..., PersonalDataFile]) -> None:
    label = "會員於官網填寫線上申請表單並上傳身分證正反面影本及存摺封面以完成實名認證與撥款帳戶設定"
    flow = diagram.build("x", [make_file(lifecycle_collection=label)])
    node = next(n for n in flow.nodes if n.label == label)
    scale = 2
    font = diagram._font(13 * scale)
    lines = diagram._lines(label)
    assert "".join(lines) == label  # wrapped, nothing dropped
    assert len(lines) > 1
    assert max(font.getlength(line) for line in lines) <= diagram.BOX_W * scale
    assert len(lines) * diagram.LINE_H <= node.box_h


def test_english_diagram_names_its_columns_and_blank_steps_in_english(
    make_file: Callable[..., PersonalDataFile], system: System
) -> None:
    from django.utils import translation

    make_file(
        systems=[system], lifecycle_use="", lifecycle_deletion="", lifecycle_collection="Online sign-up form"
    )
    with translation.override("en"):
        flow = diagram.build("Member service", PersonalDataFile.objects.all())
        root = parse(diagram.to_svg(flow))
    assert root.get("aria-label") == "Data-flow diagram: Member service"
    columns = [t.text for t in root.findall(f"{SVG}text[@class='column']")]
    assert columns == ["Collection", "Transmission", "Storage", "Use", "Deletion"]
    labels = {n.label for n in flow.nodes}
    assert {"Use", "Deletion method not filled in"} <= labels


def test_text_without_cjk_wraps_between_words_and_keeps_every_character() -> None:
    label = "Deletion method not filled in by the file owner"
    lines = diagram._lines(label)
    assert all(len(line) <= diagram.MAX_LATIN for line in lines)
    assert " ".join(lines) == label
    assert [w for line in lines for w in line.split(" ")] == label.split(" ")  # no word cut in two
    long_word = "x" * 50
    assert "".join(diagram._lines(long_word)) == long_word


def test_a_chinese_line_never_starts_with_a_comma_or_ends_with_an_opening_bracket() -> None:
    # 「，」 would open the second line at 11 characters a line: 「刪」 goes down with it
    assert diagram._lines("保存期限屆滿後系統刪除，紙本以碎紙機銷毀並記錄") == [
        "保存期限屆滿後系統刪",
        "除，紙本以碎紙機銷毀並",
        "記錄",
    ]
    # 「（」 would end the first line: it moves down with what it opens
    assert diagram._lines("一二三四五六七八九十（姓名、電話）") == ["一二三四五六七八九十", "（姓名、電話）"]
