"""The ``shouhu`` command: a thin shell over Django management commands (which call services)."""

from __future__ import annotations

import os
import sys

COMMANDS = [
    ("serve", "套用資料庫遷移、載入參考資料並啟動網站 / migrate, seed and serve the app"),
    ("createadmin", "建立第一位系統管理員 / create an administrator"),
    ("demo", "載入示範公司資料 / load a demo vendor"),
    ("worker", "執行背景工作 / run background jobs"),
    ("jobs", "列出或追蹤背景工作進度 / list or follow background jobs"),
    ("check", "檢查設定問題 / report configuration problems"),
    ("token", "建立或撤銷 API 權杖 / create or revoke API tokens"),
    ("audit", "驗證稽核紀錄雜湊鏈 / verify the audit-log hash chain"),
    ("evidence", "重新雜湊並驗證佐證檔案 / re-hash and verify evidence files"),
    ("backup", "備份資料庫與佐證檔案 / back up database and evidence"),
    ("restore", "驗證並還原備份 / verify and restore a backup"),
    ("catalog", "匯出自我檢查表（OSCAL）/ export the self-check catalogue"),
    ("assessment", "自我檢查與稽核：列表、分數、匯出報告 / list, score and export assessments"),
    ("deadlines", "試算法定期限、寄送行事曆提醒 / preview legal deadlines, send calendar reminders"),
    ("incidents", "個資事故期限提醒 / incident deadline reminders"),
    ("scan", "掃描檔案或資料庫中的個資 / scan files or databases for personal data"),
    ("mask", "產生遮罩（隱碼）副本 / write masked copies of files or database tables"),
]


# Commands that read or write the database. On a fresh SHOUHU_HOME the first group sets the database up
# (migrations and reference data, as `shouhu serve` does); the others say in one line what to run.
PREPARES_DATABASE = frozenset({"createadmin", "demo", "restore"})
NEEDS_DATABASE = PREPARES_DATABASE | {
    "worker",
    "jobs",
    "token",
    "audit",
    "evidence",
    "backup",
    "assessment",
    "incidents",
}


def _help() -> str:
    lines = [
        "守護 Shouhu — 個資保護與資安管理系統",
        "",
        "用法 Usage: shouhu <指令> [選項]",
        "",
        "指令 Commands:",
    ]
    lines += [f"  {name:<12} {text}" for name, text in COMMANDS]
    lines += ["", "各指令說明：shouhu <指令> --help", "Django 管理指令：shouhu manage <command>"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_help())
        return 0
    if args[0] in {"--version", "version"}:
        from shouhu import __version__

        print(f"shouhu {__version__}")
        return 0
    developer = args[0] == "manage"
    if developer:
        args = args[1:]
    # The database, evidence files, backups and mail hold personal data: files we create are owner-only.
    os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shouhu.config.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        if not developer and args[0] in NEEDS_DATABASE and not {"-h", "--help"} & set(args):
            django.setup()
            from shouhu.core.fresh import prepare_database

            problem = prepare_database(auto_migrate=args[0] in PREPARES_DATABASE)
            if problem:
                print(problem, file=sys.stderr)
                return 1
        execute_from_command_line(["shouhu", *args])
    except KeyboardInterrupt:
        return 130
    except DatabaseError as exc:
        if developer:
            raise
        from shouhu.core.fresh import MIGRATING, database_error, migrations_running

        print(MIGRATING if migrations_running() else database_error(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
