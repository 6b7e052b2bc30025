// Small progressive enhancements; no inline script anywhere (CSP).
document.addEventListener("click", function (event) {
  const el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

// Narrow screens: the main menu folds behind a button, and list tables read as cards whose cells carry
// their column heading (data-label, taken from the table's own <th>).
function labelTables(root) {
  root.querySelectorAll("table.list").forEach(function (table) {
    const heads = Array.from(table.querySelectorAll("thead th")).map(function (th) {
      return th.textContent.trim();
    });
    if (!heads.length) {
      return;
    }
    table.classList.add("cards-on-mobile");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      let column = 0;
      Array.from(row.children).forEach(function (cell) {
        if (!cell.hasAttribute("data-label") && heads[column]) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("main-nav");
  if (toggle && nav) {
    document.body.classList.add("nav-collapsible");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      const open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  labelTables(document);
});

document.addEventListener("htmx:afterSwap", function (event) {
  labelTables(event.target);
});
