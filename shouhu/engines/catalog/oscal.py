"""OSCAL export of a catalogue, and validation of OSCAL documents against the NIST schemas.

Layout of the exported catalog:

* one group per table (``pd``, ``is``), inside it one group per section (``pd-s1``) and per
  printed subsection (``pd-s1.1``);
* one control per item, id = table id + printed number (``pd-1.1.1``, ``is-2.3.2``: the OSCAL
  token pattern allows dots), the printed number again in a ``label`` prop;
* props in the Shouhu namespace for the 系統商進階 mark, the applicability and legal basis;
* parts: ``statement`` (item title), ``guidance`` (guidance text), one ``check-option`` part
  per printed option, with each fill-in blank as a control param inserted into the option prose,
  and a ``changed-law-note`` part where a cited rule has since changed.

Every UUID is a uuid5 from a fixed namespace, so the same catalogue always exports the same bytes.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator, ValidationError, validators

from shouhu.engines.catalog.errors import CatalogueError
from shouhu.engines.catalog.model import Catalogue, Item, MarkKind, Option, Section, Subsection, Table

OSCAL_VERSION = "1.1.3"
SHOUHU_NS = "urn:shouhu:ns:oscal"
UUID_NAMESPACE = uuid.UUID("d04d864c-5d5c-542b-97aa-63e70d28f9e7")
SCHEMA_FILES = {
    "catalog": "oscal_catalog_schema.json",
    "assessment-results": "oscal_assessment-results_schema.json",
    "plan-of-action-and-milestones": "oscal_poam_schema.json",
    "poam": "oscal_poam_schema.json",
}
MAX_MESSAGE = 300
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_PLACEHOLDER = re.compile(r"\{(b\d+)\}")

JSONObject = dict[str, Any]


class OscalValidationError(CatalogueError, ValueError):
    """An OSCAL document that its NIST schema rejects; ``errors`` lists each problem."""

    def __init__(self, model: str, errors: list[str]) -> None:
        """Keep the individual schema errors beside a zh-TW summary."""
        super().__init__(f"OSCAL {model} 文件不符合結構描述（{len(errors)} 項錯誤）：{errors[0]}")
        self.errors = errors


def stable_uuid(*parts: str) -> str:
    """A reproducible UUID (v5) for the given name parts."""
    return str(uuid.uuid5(UUID_NAMESPACE, "/".join(parts)))


def to_oscal_catalog(catalogue: Catalogue) -> JSONObject:
    """Export the catalogue as an OSCAL catalog document (``{"catalog": …}``)."""
    source_uuid = stable_uuid(catalogue.id, "source")
    publisher_uuid = stable_uuid("party", catalogue.publisher)
    catalog: JSONObject = {
        "uuid": stable_uuid(catalogue.id, "catalog"),
        "metadata": {
            "title": _line(f"{catalogue.title} 自我檢查表（{catalogue.label}）"),
            "last-modified": catalogue.last_modified.isoformat(),
            "version": catalogue.id,
            "oscal-version": OSCAL_VERSION,
            "props": [
                _prop("catalogue-label", catalogue.label),
                _prop("published", catalogue.published),
            ],
            "roles": [{"id": "creator", "title": "Document Creator"}],
            "parties": [{"uuid": publisher_uuid, "type": "organization", "name": catalogue.publisher}],
            "responsible-parties": [{"role-id": "creator", "party-uuids": [publisher_uuid]}],
            "remarks": _prose(catalogue.source),
        },
        "groups": [_table_group(catalogue, table, source_uuid) for table in catalogue.tables],
        "back-matter": {
            "resources": [
                {
                    "uuid": source_uuid,
                    "title": _line(catalogue.title),
                    "citation": {"text": _line(catalogue.source)},
                }
            ]
        },
    }
    return {"catalog": catalog}


def _table_group(catalogue: Catalogue, table: Table, source_uuid: str) -> JSONObject:
    return {
        "id": table.id,
        "class": "table",
        "title": _line(table.title),
        "props": [_prop("label", table.appendix, oscal=True), _prop("table-label", table.table_label)],
        "links": [{"href": f"#{source_uuid}", "rel": "reference"}],
        "groups": [_section_group(catalogue, table, section) for section in table.sections],
    }


def _section_group(catalogue: Catalogue, table: Table, section: Section) -> JSONObject:
    group: JSONObject = {
        "id": f"{table.id}-s{section.number}",
        "class": "section",
        "title": _line(section.title),
        "props": [_prop("label", section.number, oscal=True)],
    }
    if section.subsections:
        group["groups"] = [_subsection_group(catalogue, table, sub) for sub in section.subsections]
    if section.items:
        group["controls"] = [_control(catalogue, item) for item in section.items]
    return group


def _subsection_group(catalogue: Catalogue, table: Table, subsection: Subsection) -> JSONObject:
    return {
        "id": f"{table.id}-s{subsection.number}",
        "class": "subsection",
        "title": _line(subsection.title),
        "props": [_prop("label", subsection.number, oscal=True)],
        "controls": [_control(catalogue, item) for item in subsection.items],
    }


def _control(catalogue: Catalogue, item: Item) -> JSONObject:
    props = [
        _prop("label", item.number, oscal=True),
        _prop("sort-id", _sort_id(item), oscal=True),
        _prop("advanced", item.mark.kind.value),
        _prop("applicability", item.applicability.mode.value),
        _prop("applicable-preticked", "true" if item.applicability.preticked else "false"),
    ]
    if item.mark.kind is MarkKind.PARTIAL and item.mark.scope:
        props.append(_prop("advanced-scope", item.mark.scope))
    props.extend(_prop("legal-basis", basis) for basis in item.applicability.legal_basis)

    params: list[JSONObject] = []
    parts: list[JSONObject] = [
        {"id": f"{item.id}_smt", "name": "statement", "prose": _prose(item.title)},
    ]
    if item.guidance:
        parts.append({"id": f"{item.id}_gdn", "name": "guidance", "prose": _prose(item.guidance)})
    for option in item.options:
        parts.append(_option_part(item, option, params))
    for index, note in enumerate(catalogue.notes_for(item.id), start=1):
        note_props = [_prop("kind", note.kind), _prop("source", note.source)]
        if note.option_id:
            note_props.append(_prop("option", f"{item.id}_{note.option_id}"))
        parts.append(
            {
                "id": f"{item.id}_law{index}",
                "name": "changed-law-note",
                "ns": SHOUHU_NS,
                "props": note_props,
                "prose": _prose(f"{note.note_zh}\n{note.note_en}"),
            }
        )
    control: JSONObject = {
        "id": item.id,
        "class": "advanced" if item.mark.advanced else "basic",
        "title": _line(item.title),
    }
    if params:
        control["params"] = params
    control["props"] = props
    control["parts"] = parts
    return control


def _option_part(item: Item, option: Option, params: list[JSONObject]) -> JSONObject:
    part_id = f"{item.id}_{option.id}"
    for blank in option.blanks:
        params.append(
            {
                "id": f"{part_id}_{blank.id}",
                "props": [_prop("blank-type", blank.type.value)],
                "label": _line(blank.label),
            }
        )
    props = [_prop("free-text", "true" if option.free_text else "false")]
    if option.parent:
        props.append(_prop("parent-option", f"{item.id}_{option.parent}"))
    prose = _escape(option.text)
    prose = _PLACEHOLDER.sub(lambda match: f"{{{{ insert: param, {part_id}_{match.group(1)} }}}}", prose)
    part: JSONObject = {"id": part_id, "name": "check-option", "ns": SHOUHU_NS, "props": props}
    if prose:
        part["prose"] = prose
    return part


def _sort_id(item: Item) -> str:
    digits = ".".join(f"{int(part):02d}" for part in item.number.split("."))
    return f"{item.table_id}-{digits}"


def _prop(name: str, value: str, *, oscal: bool = False) -> JSONObject:
    prop: JSONObject = {"name": name, "value": value}
    if not oscal:
        prop["ns"] = SHOUHU_NS
    return prop


def _escape(text: str) -> str:
    """Escape Markdown syntax characters; placeholders like ``{b1}`` are left intact."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _line(text: str) -> str:
    return _escape(" ".join(text.split()))


def _prose(text: str) -> str:
    """Multi-line printed text as Markdown paragraphs (one per printed line)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(_escape(line) for line in lines)


# ---------------------------------------------------------------------------------------------
# Validation against the NIST OSCAL JSON schemas shipped in ``schemas/``.


def _unicode_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` keyword that understands ``\\p{L}``/``\\p{N}`` as the OSCAL schemas use them."""
    if isinstance(instance, str) and not _compile(pattern)(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compile(pattern: str) -> Callable[[str], bool]:
    try:
        import regex
    except ImportError:
        translated = pattern.replace(r"\p{L}", r"[^\W\d_]").replace(r"\p{N}", r"\d")
        compiled = re.compile(translated)
        return lambda value: compiled.search(value) is not None
    compiled_unicode = regex.compile(pattern)
    return lambda value: compiled_unicode.search(value) is not None


_OscalValidator = validators.extend(Draft7Validator, {"pattern": _unicode_pattern})


@cache
def _validator(model: str) -> Any:
    try:
        name = SCHEMA_FILES[model]
    except KeyError:
        raise CatalogueError(f"沒有 OSCAL 模型「{model}」的結構描述") from None
    schema = json.loads(
        (resources.files("shouhu.engines.catalog") / "schemas" / name).read_text(encoding="utf-8")
    )
    return _OscalValidator(schema)


def oscal_errors(document: JSONObject, model: str) -> list[str]:
    """Every schema error of an OSCAL document, as ``path: message`` strings (empty if valid)."""
    errors = sorted(_validator(model).iter_errors(document), key=lambda error: list(error.path))
    return [
        f"/{'/'.join(str(part) for part in error.path)}: {error.message[:MAX_MESSAGE]}" for error in errors
    ]


def validate_oscal(document: JSONObject, model: str) -> None:
    """Validate an OSCAL document (``catalog``, ``assessment-results``, ``poam``) or raise."""
    errors = oscal_errors(document, model)
    if errors:
        raise OscalValidationError(model, errors)
