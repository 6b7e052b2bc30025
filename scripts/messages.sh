#!/bin/sh
# 更新英文翻譯目錄（.po）：一次只更新一個目錄，不會改寫其他模組的翻譯檔。
# Update the English gettext catalogues one folder at a time, so that no run rewrites another app's catalogue
# (makemessages started from shouhu/ writes into every locale folder below it).
#
#   scripts/messages.sh              every app that has its own shouhu/<app>/locale, then the shared one
#   scripts/messages.sh law scans    only these apps' own catalogues
#   scripts/messages.sh shared       only shouhu/locale: apps without a catalogue of their own, core, the
#                                    shared templates (shouhu/templates)
#
# Afterwards: fill every new msgstr, delete msgmerge's "#, fuzzy" guesses, check the "#~" (obsolete) entries,
# and compile each changed catalogue with `msgfmt --check-format -o django.mo django.po` (docs/DEVELOPING.md).
set -eu
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SHOUHU="${SHOUHU:-$ROOT/.venv/bin/shouhu}"
LANGUAGE_CODE="${LANGUAGE_CODE:-en}"

# The code of the checkout this script sits in, whatever shouhu the virtualenv installed (not `python -m`:
# that would put the app folder first on sys.path, where selectors.py hides the standard library's).
makemessages() {
  PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$SHOUHU" manage makemessages -l "$LANGUAGE_CODE" "$@"
}

own_apps() {
  for dir in shouhu/*/locale; do
    [ -d "$dir" ] && basename "$(dirname "$dir")"
  done
  return 0
}

update_app() {
  if [ ! -d "shouhu/$1/locale" ]; then
    echo "shouhu/$1 沒有自己的 locale 資料夾；其字串在共用目錄（scripts/messages.sh shared）。" >&2
    echo "shouhu/$1 has no locale folder of its own; its strings are in the shared catalogue (scripts/messages.sh shared)." >&2
    exit 2
  fi
  echo "== shouhu/$1/locale"
  (cd "shouhu/$1" && makemessages)
}

update_shared() {
  # Skip every app with its own catalogue (the pattern also skips engines/<same name>: engines import no
  # Django and hold no gettext strings).
  set --
  for app in $(own_apps); do
    set -- "$@" --ignore "$app"
  done
  echo "== shouhu/locale (shared)"
  (cd shouhu && makemessages "$@")
  # The shared catalogue still translates strings of some apps that have their own catalogue; the run above
  # does not see those apps and marks the strings obsolete (#~), which msgfmt would drop — English text lost.
  # Keep them active; moving them into the app's catalogue (or deleting dead ones) is done by hand.
  po="shouhu/locale/$LANGUAGE_CODE/LC_MESSAGES/django.po"
  kept="$(grep -c '^#~ msgid' "$po" || true)"
  if [ "$kept" -gt 0 ]; then
    msgattrib --clear-obsolete -o "$po" "$po"
    echo "shouhu/locale：保留 $kept 個程式中已找不到的條目（可能屬於有自己目錄的模組，請手動移動或刪除）。"
    echo "shouhu/locale: kept $kept entries the shared code no longer uses (strings of apps with their own catalogue, or dead ones): move or delete them by hand."
  fi
}

if [ "$#" -eq 0 ]; then
  for app in $(own_apps); do
    update_app "$app"
  done
  update_shared
else
  for target in "$@"; do
    if [ "$target" = shared ]; then
      update_shared
    else
      update_app "$target"
    fi
  done
fi
