// parley dashboard: small vanilla JS, no libraries.
(function () {
  "use strict";
  function select(id) {
    document.querySelectorAll(".sel").forEach(function (e) { e.classList.remove("sel"); });
    var mark = document.getElementById("claim-" + id);
    var box = document.getElementById("box-" + id);
    if (mark) mark.classList.add("sel");
    if (box) { box.classList.add("sel"); box.scrollIntoView({block: "nearest"}); }
  }
  // Report page: clicking a highlight shows its claim and review buttons.
  document.querySelectorAll("mark.ev").forEach(function (m) {
    m.addEventListener("click", function () { select(m.dataset.claim); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter") select(m.dataset.claim); });
  });
  var h = location.hash.match(/^#claim-(\d+)$/);
  if (h) select(h[1]);
  // Filters re-draw on change (inline handlers are barred by the CSP).
  document.querySelectorAll("[data-autosubmit], [onchange*='submit']").forEach(function (el) {
    el.addEventListener("change", function () { if (el.form) el.form.submit(); });
  });
  // Map: clicking a region shows its evidence.
  document.querySelectorAll("path.region").forEach(function (p) {
    p.addEventListener("click", function () {
      document.querySelectorAll("#region-info .info").forEach(function (i) { i.hidden = true; });
      document.querySelectorAll("path.region.sel").forEach(function (e) { e.classList.remove("sel"); });
      p.classList.add("sel");
      var info = document.getElementById("info-" + p.dataset.code);
      if (info) info.hidden = false;
      var hint = document.getElementById("region-hint");
      if (hint) hint.hidden = true;
    });
  });
})();
