"""A masked copy of a database, as a background job from the web app and the API.

The source is a database scan source: its URL stays encrypted on the source (``url_encrypted``) and is
checked again before connecting, exactly as a scan does. The target is a database URL the user gives:
validated like a source URL (only administrators may name a server file or any host), encrypted into the
job's parameters (the field key stays in SHOUHU_HOME, apart from the data), shown only with its password
masked, and removed from the job's parameters when the job ends. The source is read through read-only
sessions; the copy refuses a target that already has a table of the same name and drops the tables it
created when it fails, so a failure changes neither database. The scanner's findings on the source propose
column rules (column → category and method); the user may change them.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core import crypto
from shouhu.core.bilingual import halves, pick
from shouhu.core.messages import both, compose, define, render
from shouhu.engines.pii import DatabaseError, load_key, mask, mask_url
from shouhu.engines.pii.categories import CATEGORIES, CATEGORY_LABELS, CATEGORY_LABELS_EN
from shouhu.engines.pii.mask.core import ColumnRule, column_rules, parse_rules, rule_from_data
from shouhu.engines.pii.mask.methods import METHODS
from shouhu.engines.pii.mask.target import (
    TargetError,
    create_database,
    drop_database,
    drop_marked_database,
    drop_tables,
    settle_marked_database,
    valid_database_name,
)
from shouhu.jobs.models import Job
from shouhu.jobs.services import JobError, Progress, ResultView, enqueue, handler
from shouhu.scans import selectors
from shouhu.scans.management.commands.mask import installation_mask_key_file
from shouhu.scans.masking import _one_language, check_methods
from shouhu.scans.models import RunStatus, ScanSource, SourceKind
from shouhu.scans.services import source_url
from shouhu.scans.validation import (
    ALLOWED_SCHEMES,
    TargetRefused,
    connect_url,
    db_target_errors,
    may_use_any_db_host,
    path_errors,
    sqlite_file,
)

logger = logging.getLogger(__name__)
JOB_KIND = "scans.mask_database"
#: Progress texts, shown in the reader's language (``core.messages``).
READING = define("scans.mask_database.reading", gettext_noop("讀取資料表結構…"))
TABLES_DONE = define("scans.mask_database.tables", gettext_noop("已複製 {done}/{total} 個資料表（{table}）"))
ROWS_DONE = define(
    "scans.mask_database.rows", gettext_noop("已複製 {done}/{total} 個資料表；{table} 已複製 {rows:,} 筆")
)
#: What the reaper did after the worker running a copy died (shown on the job in the reader's language).
LOST_TABLES = define(
    "scans.mask_database.lost_tables",
    gettext_noop(
        "執行此工作的背景程序已停止回應（心跳逾時），遮罩副本未完成；已刪除本次建立的資料表：{tables}。"
        "目的資料庫的連線資料已清除。"
    ),
)
LOST_DATABASE = define(
    "scans.mask_database.lost_database",
    gettext_noop(
        "執行此工作的背景程序已停止回應（心跳逾時），遮罩副本未完成；已刪除本次建立的目的資料庫 {target}。"
        "目的資料庫的連線資料已清除。"
    ),
)
LOST_LEFT = define(
    "scans.mask_database.lost_left",
    gettext_noop(
        "執行此工作的背景程序已停止回應（心跳逾時），遮罩副本未完成；無法清除目的資料庫 {target} 中本次建立的"
        "內容，請手動刪除：{left}。目的資料庫的連線資料已清除。"
    ),
)
LOST_NOTHING = define(
    "scans.mask_database.lost_nothing",
    gettext_noop(
        "執行此工作的背景程序已停止回應（心跳逾時），遮罩副本未完成；目的資料庫中尚未建立任何內容。"
        "目的資料庫的連線資料已清除。"
    ),
)
#: Why a copy failed (kept on the job as key + facts, shown in the reader's language).
UNREACHABLE = define("scans.mask_database.unreachable", gettext_noop("{reason}（資料庫主機可能無法連線）"))
GONE = define("scans.mask_database.gone", gettext_noop("找不到掃描來源或目的資料庫（可能已刪除）。"))
NOT_CREATED = define(
    "scans.mask_database.not_created", gettext_noop("未建立目的資料庫，未複製任何資料：{reason}")
)
DRIVER_FAILED = define(
    "scans.mask_database.driver_failed",
    gettext_noop("無法連線或寫入資料庫，請確認連線網址、權限與磁碟空間（{error}）"),
)


def _what_was_undone(facts: dict[str, Any]) -> dict[str, Any]:
    """The ``undone`` code of a failed copy in words of the reader's language."""
    words = {
        "tables": _("本次建立的資料表已刪除"),
        "database": _("本次建立的目的資料庫已刪除"),
        "nothing": _("未建立目的資料庫"),
        "database_left": _("本次建立的目的資料庫未能刪除，請手動刪除（%(target)s）")
        % {"target": facts.get("target", "")},
    }
    return {**facts, "undone": words.get(str(facts.get("undone")), str(facts.get("undone", "")))}


FAILED = define(
    "scans.mask_database.failed",
    gettext_noop("遮罩副本失敗，來源資料庫未變更，{undone}：{reason}"),
    _what_was_undone,
)
#: Method proposed for a column the scan found a category in: deterministic, so joins survive.
_PROPOSED: Final = {"birth_date": "generalize", "address": "generalize"}


def proposed_rules(source: ScanSource) -> str:
    """Column rules from the source's latest finished scan, one per line (``column=method:category``):
    each column the scan found personal data in, with the category found most there."""
    run = source.runs.filter(status=RunStatus.SUCCEEDED).first()
    if run is None:
        return ""
    best: dict[str, tuple[int, str]] = {}
    for finding in run.findings.exclude(column=""):
        if finding.count > best.get(finding.column, (0, ""))[0]:
            best[finding.column] = (finding.count, finding.category)
    return "".join(
        f"{column}={_PROPOSED.get(category, 'pseudonym')}:{category}\n"
        for column, (_n, category) in sorted(best.items())
    )


def proposed_tables(source: ScanSource) -> str:
    """The tables the source's latest finished scan read personal data in, one per line."""
    run = source.runs.filter(status=RunStatus.SUCCEEDED).first()
    if run is None:
        return ""
    labels = {str(loc).rsplit("#", 1)[-1] for loc in run.findings.values_list("location", flat=True)}
    return "".join(f"{name}\n" for name in sorted(labels) if "." not in name)


def _target_errors(url: str, *, actor: Any) -> list[str]:
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower() if "://" in url else ""
    if scheme not in ALLOWED_SCHEMES:
        return [_("目的資料庫連線網址須以 postgresql://、mysql://、mariadb:// 或 sqlite:/// 開頭。")]
    if scheme == "sqlite":
        path = sqlite_file(url)
        if path is None or not Path(path).is_absolute():
            return [_("SQLite 目的資料庫須為伺服器上的絕對路徑（例如 sqlite:////srv/masked.db）。")]
        return path_errors(str(Path(path).parent), user=actor, field="target_url").get("target_url", [])
    return db_target_errors(url, user=actor).get("database_url", [])


_NAME_RULES = gettext_noop("新資料庫名稱只能使用英文字母、數字與底線，且不可以數字開頭（最多 63 字）。")


def _new_beside_source(source: ScanSource, name: str) -> str:
    """The URL of a new database ``name`` beside the source: on its server with its account (PostgreSQL,
    MariaDB/MySQL), or for an SQLite source a new file under SHOUHU_HOME/masked-copies."""
    import sqlalchemy as sa  # the optional scan-db extra: a database source exists only with it

    if not valid_database_name(name):
        raise ValidationError({"new_name": [_(_NAME_RULES)]})
    parsed = sa.make_url(source_url(source))
    if parsed.get_backend_name() == "sqlite":
        folder = Path(settings.SHOUHU_HOME) / "masked-copies"
        folder.mkdir(mode=0o700, exist_ok=True)
        return f"sqlite:///{folder / (name + '.sqlite3')}"
    return str(parsed.set(database=name).render_as_string(hide_password=False))


def _new_target_errors(url: str) -> list[str]:
    """A database to create must not exist yet (SQLite: no such file) and must have a plain name."""
    import sqlalchemy as sa

    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path and Path(path).exists():
            return [_("目的檔案已存在，不會覆寫；請改用其他名稱。")]
        return []
    if not valid_database_name(str(parsed.database or "")):
        return [_(_NAME_RULES)]
    return []


def _resolve_target(
    *, actor: Any, source: ScanSource, target_url: str, create: bool, new_name: str
) -> tuple[str, bool]:
    """The target URL and whether its host counts as checked (set by an administrator), or a
    ``ValidationError`` on the field at fault."""
    target_url, new_name = target_url.strip(), new_name.strip()
    by_admin = may_use_any_db_host(actor)
    if create and not target_url:
        if not new_name:
            raise ValidationError({"new_name": [_("請填寫新資料庫的名稱，或填寫目的資料庫連線網址。")]})
        target_url, by_admin = _new_beside_source(source, new_name), source.url_set_by_admin
        field, errors = "new_name", []
    else:
        if not target_url:
            raise ValidationError({"target_url": [_("請填寫目的資料庫連線網址。")]})
        field, errors = "target_url", _target_errors(target_url, actor=actor)
    if not errors and _same_database(target_url, source_url(source)):
        errors = [_("目的資料庫不可與來源相同。")]
    if not errors and create:
        errors = _new_target_errors(target_url)
    if errors:
        raise ValidationError({field: errors})
    return target_url, by_admin


def _same_database(a: str, b: str) -> bool:
    try:
        import sqlalchemy as sa  # the optional scan-db extra: the app must start without it
    except ImportError:
        return a.strip() == b.strip()
    try:
        x, y = sa.make_url(a), sa.make_url(b)
    except (sa.exc.ArgumentError, ValueError):
        return False
    return (x.get_backend_name(), x.host, x.port, x.database) == (
        y.get_backend_name(),
        y.host,
        y.port,
        y.database,
    )


def _tables(text: str) -> list[str]:
    names = [n.strip() for n in text.replace(",", "\n").splitlines() if n.strip()]
    for name in names:
        if len(name) > 128 or any(ch in name for ch in "\"'`;\\"):
            raise ValidationError({"tables": [_("資料表名稱無效：%(name)s") % {"name": name[:40]}]})
    return sorted(set(names))


def start_database_mask(
    *,
    actor: Any,
    source: ScanSource,
    target_url: str = "",
    create: bool = False,
    new_name: str = "",
    tables: str = "",
    default: str = "pseudonym",
    methods: dict[str, str] | None = None,
    rules: str = "",
    picked: list[ColumnRule] | None = None,
    columns: list[Mapping[str, Any]] | None = None,
) -> Job:
    """Check and enqueue a masked copy of ``source`` (a database scan source the actor may read) into
    ``target_url``, or with ``create`` into a new database: the one ``target_url`` names, or ``new_name``
    beside the source. ``picked`` are the column rules chosen in the picker, ``columns`` structured picks
    (``{table, column, method, category}``, see ``mask.column_rules``), both before ``rules``. Refusals
    are ``ValidationError``s on a field, in the reader's language."""
    require(actor, "scans.manage")
    if selectors.source_by_pk(source.pk, actor=actor) is None:
        raise ValidationError({"source": [_("找不到這個掃描來源，或您無權使用。")]})
    if source.kind != SourceKind.DATABASE or not source.url_encrypted:
        raise ValidationError({"source": [_("只有資料庫類型的掃描來源可以產生遮罩副本資料庫。")]})
    target_url, by_admin = _resolve_target(
        actor=actor, source=source, target_url=target_url, create=create, new_name=new_name
    )
    methods = dict(methods or {})
    check_methods(default, methods)
    try:
        parse_rules(rules)
    except ValueError as exc:
        raise ValidationError({"rules": [_one_language(str(exc))]}) from None
    for rule in picked or []:
        if rule.method not in METHODS or (rule.category is not None and rule.category not in CATEGORIES):
            raise ValidationError(
                {"rules": [_("未知的遮罩方式或類別：%(column)s") % {"column": rule.pattern[:80]}]}
            )
    try:
        picked = [*(picked or []), *column_rules(columns or [])]
    except ValueError as exc:
        raise ValidationError({"columns": [_one_language(str(exc))]}) from None
    table_list = _tables(tables)
    masked_target = mask_url(target_url)
    job = enqueue(
        actor=actor,
        kind=JOB_KIND,
        params={
            "source_id": source.pk,
            "source": source.url_masked,
            "target_encrypted": crypto.encrypt(target_url),
            "target": masked_target,
            "target_by_admin": by_admin,
            "create": bool(create),
            "tables": table_list,
            "default": default,
            "methods": methods,
            "rules": rules,
            "picked": [r.as_data() for r in picked or []],
        },
    )
    record(
        actor=actor,
        action="scans.mask_database_started",
        obj=job,
        changes={
            "source": [None, source.pk],
            "target": [None, masked_target],
            "create": [None, bool(create)],
            "tables": [None, table_list],
            "method": [None, default],
        },
    )
    return job


def _method_label(method: str) -> str:
    labels = {
        "partial": _("部分遮罩"),
        "pseudonym": _("假名"),
        "hash": _("金鑰雜湊"),
        "generalize": _("概化"),
        "remove": _("刪除"),
        "keep": _("保留"),
    }
    return labels.get(method, method)


def summary(params: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """What a finished copy did, per table and column (labels in the page's language), for the job page
    and the API."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    for place, category, method, count in result.get("columns") or []:
        table, _sep, column = str(place).partition(".")
        by_table.setdefault(table, []).append(
            {
                "column": column,
                "category": category,
                "label": pick(CATEGORY_LABELS.get(category, category), CATEGORY_LABELS_EN.get(category)),
                "method": method,
                "method_label": _method_label(method),
                "count": int(count),
            }
        )
    rows = result.get("rows") or {}
    return {
        "source": str(params.get("source") or ""),
        "target": str(params.get("target") or ""),
        "masked": int(result.get("masked") or 0),
        "tables": [
            {"table": t, "rows": int(rows.get(t, 0)), "columns": by_table.get(t, [])} for t in sorted(rows)
        ],
        "unmasked_numbers": [
            {"column": str(c), "count": int(n)}
            for c, n in sorted(
                (result.get("unmasked_numbers") or {}).items(), key=lambda i: (-int(i[1]), i[0])
            )
        ],
        "notes": [_one_language(str(note)) for note in result.get("notes") or []],
    }


def _result_context(job: Job) -> dict[str, Any]:
    return {"copy": summary(job.params, job.result or {})}


def _connectable(url: str, *, checked: bool) -> str:
    if checked:
        return url
    try:
        return connect_url(url)
    except TargetRefused as exc:
        raise JobError(compose(UNREACHABLE, reason=halves(str(exc)))) from None


def _failure(exc: BaseException, undone: str, **facts: Any) -> JobError:
    """A message safe to keep and show: the engine's own (bilingual, no values) or the error's type.
    ``undone`` says what of the copy was taken back (``tables``, ``database``, ``nothing``, ``database_left``)."""
    try:
        from sqlalchemy.exc import OperationalError
    except ImportError:  # the optional scan-db extra is not installed: no driver error can have been raised
        OperationalError = ()  # type: ignore[assignment,misc]
    reason: Any
    if isinstance(exc, ValueError | DatabaseError):
        reason = halves(str(exc))
    elif isinstance(exc, OperationalError):  # the driver's message may quote values: not shown
        error = type(exc).__name__
        reason = both(lambda: render(DRIVER_FAILED, {"error": error}, ""))
    else:
        reason = type(exc).__name__
    return JobError(compose(FAILED, undone=undone, reason=reason, **facts))


def _remember(job_pk: int, **facts: Any) -> None:
    """Keep what the copy made on the job row at once (a worker that dies cannot say it later)."""
    params = Job.objects.values_list("params", flat=True).get(pk=job_pk)
    Job.objects.filter(pk=job_pk).update(params={**params, **facts})


def _forget_target(job_pk: int) -> None:
    """The target's credentials do not outlive the job (whatever way it ended)."""
    params = Job.objects.values_list("params", flat=True).get(pk=job_pk)
    Job.objects.filter(pk=job_pk).update(params={k: v for k, v in params.items() if k != "target_encrypted"})


def _policy(params: dict[str, Any]) -> mask.Policy:
    key, _persistent = load_key(installation_mask_key_file())
    picked = [rule_from_data(data) for data in params.get("picked") or []]
    return mask.Policy(
        key=key,
        default=params["default"],
        methods=dict(params.get("methods") or {}),
        columns=picked + parse_rules(str(params.get("rules") or "")),
    )


def _create(job: Job, dst: str) -> None:
    """Create the target database. Its token is written down first ("creating"), so that if this worker
    dies before it writes down "created", the reaper can still tell the database it made (it carries the
    token's mark) from one of the same name someone else made (left alone)."""
    token = secrets.token_hex(8)
    _remember(job.pk, creating_database=token)
    try:
        create_database(dst, token=token)
    except TargetError as exc:
        raise JobError(compose(NOT_CREATED, reason=halves(str(exc)))) from None
    except Exception as exc:
        raise _failure(exc, "nothing") from None
    _remember(job.pk, created_database=True)
    settle_marked_database(dst, token)


def _undo_created_database(job: Job, dst: str) -> dict[str, str]:
    """Drop the database this run created; the ``undone`` facts of the failure message."""
    try:
        drop_database(dst)
    except Exception as exc:
        logger.warning(
            "masked database copy %s: created database not dropped: %s", job.pk, type(exc).__name__
        )
        return {"undone": "database_left", "target": mask_url(dst)}
    _remember(job.pk, created_database=False)
    return {"undone": "database"}


@handler(
    JOB_KIND,
    permission="scans.manage",
    result=ResultView(template="scans/_mask_database_result.html", context=_result_context),
    on_lost=lambda job: clean_up_lost(job),
)
def run_database_mask(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    try:
        source = ScanSource.objects.filter(pk=params.get("source_id"), kind=SourceKind.DATABASE).first()
        if source is None or not params.get("target_encrypted"):
            raise JobError(compose(GONE))
        src = _connectable(source_url(source), checked=source.url_set_by_admin)
        dst = _connectable(
            crypto.decrypt(params["target_encrypted"]), checked=bool(params.get("target_by_admin"))
        )
        policy = _policy(params)
        progress(0, 1, compose(READING))
        if params.get("create"):
            _create(job, dst)

        tables_done = [0, 1]

        def report(done: int, total: int, table: str) -> None:
            tables_done[:] = [done, total]
            progress(done, total, compose(TABLES_DONE, done=done, total=total, table=table))

        def report_rows(table: str, rows: int) -> None:
            done, total = tables_done
            progress(done, total, compose(ROWS_DONE, done=done, total=total, table=table, rows=rows))

        try:
            mask.mask_database(
                src,
                dst,
                policy,
                tables=list(params.get("tables") or []) or None,
                progress=report,
                row_progress=report_rows,
                created=lambda names: _remember(job.pk, created_tables=names),
            )
        except Exception as exc:
            logger.warning("masked database copy %s failed: %s", job.pk, type(exc).__name__)
            undone = _undo_created_database(job, dst) if params.get("create") else {"undone": "tables"}
            raise _failure(exc, **undone) from None
        result = {
            "masked": sum(policy.counts.values()),
            "counts": dict(policy.counts),
            "rows": dict(policy.rows),
            "columns": [[p, c, m, n] for (p, c, m), n in sorted(policy.by_place.items())],
            "unmasked_numbers": dict(policy.unmasked_numbers),
            "notes": policy.all_notes(),
        }
        record(
            actor=None,
            action="scans.mask_database_finished",
            object_type="jobs.job",
            object_id=str(job.pk),
            changes={"tables": [None, sorted(policy.rows)], "masked": [None, result["masked"]]},
        )
        return result
    finally:
        _forget_target(job.pk)


def clean_up_lost(job: Job) -> None:
    """The worker running ``job`` died (the reaper failed it): drop what the copy made in the target — the
    database it created, or the tables it created — and forget the target's credentials. Says on the job
    what was cleaned up, or what is left for a person to drop. A database the worker was creating but had
    not written down as created is dropped only if it carries the job's mark (never one someone else made)."""
    params = dict(job.params)
    made = [str(t) for t in params.get("created_tables") or []]
    target = str(params.get("target") or "")
    token = str(params.get("creating_database") or "")
    said = compose(LOST_NOTHING)
    if (params.get("created_database") or made or token) and params.get("target_encrypted"):
        try:
            dst = _connectable(
                crypto.decrypt(params["target_encrypted"]), checked=bool(params.get("target_by_admin"))
            )
            if params.get("created_database"):
                drop_database(dst)
                if token:
                    drop_marked_database(dst, token)  # what is left of the creation (SQLite's first name)
                params["created_database"] = False
                said = compose(LOST_DATABASE, target=target)
            elif token and not made:
                if drop_marked_database(dst, token):
                    said = compose(LOST_DATABASE, target=target)
            else:
                said = compose(LOST_TABLES, tables=", ".join(drop_tables(dst, made)) or "-")
        except Exception as exc:
            logger.warning("masked database copy %s: clean-up failed: %s", job.pk, type(exc).__name__)
            left = target if params.get("created_database") or (token and not made) else ", ".join(made)
            said = compose(LOST_LEFT, target=target, left=left)
    params.pop("target_encrypted", None)
    fields = {"error": said.text[:2000], "error_key": said.key, "error_facts": said.facts}
    Job.objects.filter(pk=job.pk).update(params=params, **fields)
    job.params = params
    for name, value in fields.items():
        setattr(job, name, value)
    record(
        actor=None,
        action="scans.mask_database_cleaned_up",
        obj=job,
        changes={"cleaned": [None, said.key], "credentials": ["kept", "forgotten"]},
    )
