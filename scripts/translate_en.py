"""Fill English translations into shouhu/locale/en/LC_MESSAGES/django.po and compile it.

Traditional Chinese is the source language (msgids); this table is the English UI. Run after
`shouhu manage makemessages -l en` (from the shouhu/ folder), then `msgfmt` runs below.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EN = {
    "登入": "Sign in",
    "登入守護": "Sign in to Shouhu",
    "忘記密碼？": "Forgot password?",
    "復原碼": "Recovery codes",
    "雙因素驗證已啟用": "Two-factor authentication enabled",
    "請將以下復原碼保存在安全的地方。每組只能使用一次；本頁離開後不再顯示。": "Keep these recovery codes somewhere safe. Each works once; they are not shown again after you leave this page.",
    "我已保存，繼續": "I have saved them, continue",
    "設定雙因素驗證": "Set up two-factor authentication",
    "設定雙因素驗證（TOTP）": "Set up two-factor authentication (TOTP)",
    "您的角色必須使用雙因素驗證（或您選擇啟用）。請以 Google Authenticator、Microsoft Authenticator 等 App 掃描 QR Code，再輸入 App 顯示的 6 位數驗證碼。": "Your role requires two-factor authentication (or you chose to enable it). Scan the QR code with an "
    "authenticator app such as Google or Microsoft Authenticator, then enter the 6-digit code it shows.",
    "無法掃描時請手動輸入金鑰：": "If you cannot scan, enter this key by hand:",
    "確認啟用": "Confirm",
    "雙因素驗證": "Two-factor authentication",
    "已啟用。": "Enabled.",
    "請輸入驗證器 App 顯示的 6 位數驗證碼，或一組復原碼。": "Enter the 6-digit code from your authenticator app, or a recovery code.",
    "驗證": "Verify",
    "變更密碼": "Change password",
    "您的密碼已到期或須於首次登入時變更，請先設定新密碼。": "Your password has expired or must be changed at first sign-in. Please set a new one.",
    "重設密碼": "Reset password",
    "請輸入帳號的電子郵件，我們會寄出一次性、限時有效的重設連結。": "Enter your account's e-mail; we will send a one-time, time-limited reset link.",
    "寄送重設連結": "Send reset link",
    "設定新密碼": "Set a new password",
    "設定密碼": "Set password",
    "此重設連結已失效（已使用或已逾時），請重新申請。": "This reset link is no longer valid (used or expired). Please request a new one.",
    "已寄出": "Sent",
    "若此電子郵件對應到帳號，重設連結已寄出，30 分鐘內有效且只能使用一次。": "If this e-mail belongs to an account, a reset link was sent. It is valid once, for 30 minutes.",
    "回到登入": "Back to sign-in",
    "我的帳號": "My account",
    "API 權杖": "API tokens",
    "建立權杖": "Create token",
    "稽核紀錄": "Audit log",
    "基礎": "Foundation",
    "組織與人員": "Organisation and people",
    "委託者": "Clients",
    "佐證檔案": "Evidence",
    "規劃 Plan": "Plan",
    "法規與適用": "Laws and applicability",
    "法定期限試算": "Legal deadline preview",
    "法遵行事曆": "Compliance calendar",
    "執行 Do": "Do",
    "個資盤點": "Personal-data inventory",
    "系統與資產": "Systems and assets",
    "風險評估清冊": "Risk register",
    "個資掃描": "Personal-data scans",
    "檢核 Check": "Check",
    "自我檢查與稽核": "Self-checks and audits",
    "改善 Act": "Act",
    "矯正措施": "Corrective actions",
    "個資事故": "Incidents",
    "管理": "Administration",
    "背景工作": "Background jobs",
    "API 文件": "API docs",
    "組織概況": "Organisation",
    "最近的稽核紀錄": "Recent audit entries",
    "儀表板": "Dashboard",
    "目前沒有可顯示的內容。": "Nothing to show yet.",
    "尚未填寫公司基本資料。": "The company profile has not been filled in.",
    "立即填寫": "Fill it in",
    "在職人員": "Employees",
    "部門": "Departments",
    "總負責人": "Accountable executives",
    "尚未指定個資保護總負責人與資安總負責人。": "No privacy or security executive has been designated yet.",
    "委託者資料": "Client details",
    "儲存": "Save",
    "聯絡人": "Contacts",
    "新增委託者": "New client",
    "人員名冊": "People",
    "公司基本資料": "Company profile",
    "編輯": "Edit",
    "個資保護總負責人與資安總負責人": "Privacy and security executives",
    "指定或更換": "Designate or replace",
    "指定": "Designate",
    "新增部門": "New department",
    "刪除": "Delete",
    "搜尋姓名、電子郵件、職稱": "Search name, e-mail, title",
    "全部部門": "All departments",
    "篩選": "Filter",
    "新增人員": "New person",
    "人員資料": "Person",
    "帳號與角色": "Account and roles",
    "指派角色": "Assign a role",
    "指派": "Assign",
    "建立帳號": "Create account",
    "守護": "Shouhu",
    "登出": "Sign out",
    "主選單": "Main menu",
    "時間以臺北時間顯示": "Times are shown in Taipei time",
    "登入鎖定": "Sign-in locks",
    "法規事實與適用法規": "Regulatory facts and applicable rules",
}


def main() -> int:
    po_path = Path(__file__).resolve().parents[1] / "shouhu" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    text = po_path.read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        msgid_block, msgstr = match.group(1), match.group(2)
        key = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', msgid_block))
        if key in EN and msgstr.strip() == '""':
            return f'msgid {msgid_block}msgstr "{EN[key]}"\n'
        return match.group(0)

    text = re.sub(r'msgid ((?:"(?:[^"\\\n]|\\.)*"\s*\n)+)msgstr ("(?:[^"\\\n]|\\.)*")\n', fill, text)
    text = text.replace("#, fuzzy\n", "", 1)
    po_path.write_text(text, encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(po_path.with_suffix(".mo")), str(po_path)], check=True)  # noqa: S603,S607
    missing = [k for k in EN if f'msgstr "{EN[k]}"' not in text]
    if missing:
        print("not in the .po (run makemessages):", missing, file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
