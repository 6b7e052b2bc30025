// Live countdown for incident deadlines: elements with data-due (ISO 8601) show the time left and turn
// amber within 24 hours and red within 6 hours or once passed. No inline script (CSP).
(function () {
  "use strict";
  var AMBER = 24 * 3600 * 1000;
  var RED = 6 * 3600 * 1000;
  // The page's language decides the words (English pages say "Left 02:10:00", zh-TW pages 「剩餘 02:10:00」).
  var EN = (document.documentElement.lang || "").indexOf("en") === 0;
  var WORDS = EN ? { day: " d ", passed: "Overdue ", left: "Left " } : { day: " 天 ", passed: "已逾期 ", left: "剩餘 " };

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function render(el, now) {
    var due = Date.parse(el.getAttribute("data-due"));
    if (isNaN(due)) { return; }
    var left = due - now;
    var state = left <= 0 ? "passed" : left <= RED ? "red" : left <= AMBER ? "amber" : "ok";
    var abs = Math.abs(left);
    var days = Math.floor(abs / 86400000);
    var hours = Math.floor((abs % 86400000) / 3600000);
    var minutes = Math.floor((abs % 3600000) / 60000);
    var seconds = Math.floor((abs % 60000) / 1000);
    var text = (days ? days + WORDS.day : "") + pad(hours) + ":" + pad(minutes) + ":" + pad(seconds);
    el.textContent = (left <= 0 ? WORDS.passed : WORDS.left) + text;
    el.setAttribute("data-state", state);
    el.classList.remove("ok", "warn", "bad");
    el.classList.add(state === "ok" ? "ok" : state === "amber" ? "warn" : "bad");
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-due]").forEach(function (el) { render(el, now); });
  }

  function start() { tick(); window.setInterval(tick, 1000); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
