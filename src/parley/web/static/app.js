// parley dashboard: small vanilla JS, no libraries.
(function () {
  "use strict";
  function select(id) {
    document.querySelectorAll(".sel").forEach(function (e) { e.classList.remove("sel"); });
    // a claim's evidence may be cut into several pieces around other claims
    document.querySelectorAll("mark.ev[data-claim='" + Number(id) + "']").forEach(function (m) {
      m.classList.add("sel");
    });
    var box = document.getElementById("box-" + id);
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
  // Claim forms: the outcome list follows the chosen issue (codes from the dossier).
  var choicesEl = document.getElementById("choices");
  var choices = choicesEl ? JSON.parse(choicesEl.textContent) : null;
  function fillOutcomes(issueSel) {
    var out = issueSel.form && issueSel.form.querySelector("select[name=outcome]");
    if (!out || !choices) return;
    var keep = out.value, issue = null;
    choices.issues.forEach(function (i) { if (i.code === issueSel.value) issue = i; });
    while (out.firstChild) out.removeChild(out.firstChild);
    out.appendChild(new Option("(none)", ""));
    (issue ? issue.outcomes : []).forEach(function (o) {
      var opt = new Option(o.code, o.code);
      opt.title = o.label;
      out.appendChild(opt);
    });
    out.value = keep;
    if (out.value !== keep) out.value = "";
  }
  document.querySelectorAll(".claimform select[name=issue]").forEach(function (sel) {
    sel.addEventListener("change", function () { fillOutcomes(sel); });
  });
  // Edits and added claims go through fetch, so a refusal shows in the page next to the
  // form; on success the page reloads at the claim. Accept/reject stay plain posts.
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  function send(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var msg = form.querySelector(".msg");
    function show(text) { if (msg) { msg.textContent = text; msg.hidden = false; } }
    // getAttribute: form.action would be the button named "action"
    fetch(form.getAttribute("action"), {method: "POST", body: data, credentials: "same-origin",
                        headers: {"Accept": "application/json",
                                  "X-CSRF-Token": csrfMeta ? csrfMeta.content : ""}})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          if (!r.ok) { show(j.error || ("request refused (" + r.status + ")")); return; }
          location.hash = "claim-" + j.id;
          location.reload();
        });
      })
      .catch(function (e) { show("request failed: " + e); });
  }
  document.querySelectorAll("form.claimform").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      var s = e.submitter;
      if (form.id === "add-claim" || (s && s.value === "edit")) {
        e.preventDefault();
        send(form, s);
      }
    });
  });
  // Report page: selecting a passage prefills the add-claim form. Offsets count code
  // points of the report's full text (as `parley claims add`): the article starts at
  // data-start and holds the text verbatim; JS strings count UTF-16 units, so count
  // with Array.from.
  var article = document.getElementById("text");
  var addForm = document.getElementById("add-claim");
  function points(s) { return Array.from(s).length; }
  function onSelect() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return;
    var before = document.createRange();
    before.setStart(article, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    var lead = points(text.match(/^\s*/)[0]), trail = points(text.match(/\s*$/)[0]);
    var trimmed = text.trim();
    if (!trimmed) return;
    var start = Number(article.dataset.start) + points(before.toString()) + lead;
    addForm.elements.start.value = start;
    addForm.elements.end.value = start + points(text) - lead - trail;
    addForm.elements.text.value = trimmed;
    var quote = document.getElementById("add-text");
    quote.textContent = trimmed;
    quote.classList.remove("muted");
    var box = document.getElementById("add");
    box.open = true;
    box.scrollIntoView({block: "nearest"});
  }
  if (article && addForm) {
    article.addEventListener("mouseup", function () { setTimeout(onSelect, 0); });
    article.addEventListener("keyup", function (e) { if (e.shiftKey) onSelect(); });
  }
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
