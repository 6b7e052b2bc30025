// The table and column picker of a masked database copy (scans/mask_database.html). Without this file the
// form still works: every table's box and every column's method are plain form fields.
(() => {
  const form = document.querySelector("form.mask-db-form");
  if (!form) return;
  const boxes = () => Array.from(form.querySelectorAll("input.js-pick-table"));
  const status = form.querySelector(".js-pick-status");

  // A table left out: its columns' methods are greyed out (and not sent).
  const sync = () => {
    for (const box of boxes()) {
      const section = box.closest(".mask-picker-table");
      for (const field of section.querySelectorAll("select, input[type=hidden]")) field.disabled = !box.checked;
      section.classList.toggle("mask-picker-off", !box.checked);
    }
    if (status) {
      const all = boxes();
      status.textContent = (status.dataset.template || "")
        .replace("{n}", String(all.filter((b) => b.checked).length))
        .replace("{total}", String(all.length));
    }
  };
  const setAll = (on) => {
    for (const box of boxes()) box.checked = on;
    sync();
  };
  const tools = form.querySelector(".mask-picker-tools");
  if (tools) {
    tools.hidden = false;
    tools.querySelector(".js-pick-all").addEventListener("click", () => setAll(true));
    tools.querySelector(".js-pick-none").addEventListener("click", () => setAll(false));
  }
  form.addEventListener("change", (event) => {
    if (event.target.classList && event.target.classList.contains("js-pick-table")) sync();
    if (event.target.name === "target_mode") mode();
  });

  // The new database's name matters only when a new database is made.
  const newOnly = form.querySelector(".js-new-only");
  const mode = () => {
    const chosen = form.querySelector("input[name=target_mode]:checked");
    if (newOnly) newOnly.hidden = !chosen || chosen.value !== "new";
  };
  sync();
  mode();
})();
