// Keyboard answering on the self-check page (progressive enhancement; the page works without it).
// Inside an item, outside text fields: 1 符合, 2 部分符合, 3 不符合, 0 不適用, j next item, k previous item.
(function () {
  "use strict";
  var RESULTS = { "1": "conform", "2": "partial", "3": "nonconform" };

  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "radio" && el.type !== "checkbox") || el.isContentEditable);
  }

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("article.item"));
  }

  function move(from, step) {
    var list = items();
    var index = from ? list.indexOf(from) : -1;
    var next = list[Math.min(Math.max(index + step, 0), list.length - 1)];
    if (next) {
      next.focus();
      next.scrollIntoView({ block: "start" });
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var item = event.target.closest ? event.target.closest("article.item") : null;
    if (event.key === "j" || event.key === "k") {
      move(item, event.key === "j" ? 1 : -1);
      event.preventDefault();
      return;
    }
    if (!item) {
      return;
    }
    var radio = null;
    if (RESULTS[event.key]) {
      radio = item.querySelector('input[name="result"][value="' + RESULTS[event.key] + '"]');
    } else if (event.key === "0") {
      radio = item.querySelector('input[name="applicable"][value="0"]');
    }
    if (radio) {
      radio.click();
      radio.focus();
      if (event.key === "0") {
        var reason = item.querySelector('input[name="na_reason"]');
        if (reason) { reason.focus(); }
      }
      event.preventDefault();
    }
  });
})();
