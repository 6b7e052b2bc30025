// Searchable MOJ code pickers (特定目的, 個資類別). The page already works without this file: every code is a
// labelled checkbox. This adds a search box, a "selected only" view, a list of what is chosen, and arrow-key
// moves between the visible codes. No inline script (CSP); all texts come from the server-rendered markup.
(function () {
  "use strict";

  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function optionText(item) {
    const label = item.querySelector("label");
    const parts = Array.from(label.querySelectorAll(".pick-code, .pick-name")).map(function (el) {
      return el.textContent.trim();
    });
    return parts.length ? parts.join(" ") : label.textContent.trim();
  }

  function enhance(picker) {
    const tools = picker.querySelector(".pick-tools");
    const search = picker.querySelector(".pick-search");
    const onlySelected = picker.querySelector(".pick-only-selected");
    const status = picker.querySelector(".pick-status");
    const chosen = picker.querySelector(".pick-chosen");
    const none = picker.querySelector(".pick-none");
    const items = Array.from(picker.querySelectorAll(".pick-option"));
    if (!tools || !search || !items.length) {
      return;
    }
    picker.classList.add("enhanced");
    tools.hidden = false;

    function box(item) {
      return item.querySelector("input[type=checkbox]");
    }

    function visibleBoxes() {
      return items
        .filter(function (item) {
          return !item.hidden;
        })
        .map(box);
    }

    function renderChosen() {
      chosen.replaceChildren();
      items.forEach(function (item) {
        const input = box(item);
        if (!input.checked) {
          return;
        }
        const text = optionText(item);
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.textContent = text + " ×";
        button.setAttribute("aria-label", fill(chosen.dataset.remove || "{label}", { label: text }));
        button.addEventListener("click", function () {
          input.checked = false;
          update(false);
          (chosen.querySelector("button") || search).focus();
        });
        li.appendChild(button);
        chosen.appendChild(li);
      });
    }

    // refilter: false when a checkbox changed, so the option being ticked never vanishes under the cursor.
    function update(refilter) {
      const terms = normalise(search.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      let selected = 0;
      items.forEach(function (item) {
        const input = box(item);
        if (input.checked) {
          selected += 1;
        }
        const haystack = item.dataset.search || normalise(item.textContent);
        const matches = terms.every(function (term) {
          return haystack.indexOf(term) !== -1;
        });
        if (refilter !== false) {
          item.hidden = !(matches && (!onlySelected.checked || input.checked));
        }
        if (!item.hidden) {
          shown += 1;
        }
      });
      none.hidden = shown !== 0;
      status.textContent = fill(status.dataset.template || "", {
        shown: shown,
        total: items.length,
        selected: selected,
      });
      renderChosen();
    }

    function move(from, step) {
      const boxes = visibleBoxes();
      const at = boxes.indexOf(from);
      const next = boxes[at + step];
      if (next) {
        next.focus();
      } else if (step < 0) {
        search.focus();
      }
    }

    search.addEventListener("input", function () {
      update(true);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        const first = visibleBoxes()[0];
        if (first) {
          first.focus();
        }
      } else if (event.key === "Enter") {
        // Enter in the search box picks the only match instead of submitting the whole form.
        event.preventDefault();
        const boxes = visibleBoxes();
        if (boxes.length === 1) {
          boxes[0].checked = !boxes[0].checked;
          update(false);
        }
      } else if (event.key === "Escape" && search.value) {
        event.preventDefault();
        search.value = "";
        update(true);
      }
    });
    items.forEach(function (item) {
      const input = box(item);
      input.addEventListener("change", function () {
        update(false);
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          move(input, event.key === "ArrowDown" ? 1 : -1);
        }
      });
    });
    onlySelected.addEventListener("change", function () {
      update(true);
    });
    update(true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-code-picker]").forEach(enhance);
  });
})();
