// Behaviour for every page, loaded from our own origin: the Content-Security-Policy allows no
// inline scripts and no on…= attributes, so pages mark elements with data-* attributes instead.
(function () {
  "use strict";

  // <form data-confirm="Question?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  // <button data-print>: print the page (printable reports, scorecards).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });

  // Progress bars draw their width from data-percent (no inline style attribute).
  function drawBar(bar, percent) {
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
  }
  document.querySelectorAll(".progress-bar[data-percent]").forEach(function (bar) {
    drawBar(bar, bar.getAttribute("data-percent"));
  });

  // The dossier's background assembly (huey): poll until done, then show the download links.
  var box = document.getElementById("job");
  if (box && box.dataset.state !== "done" && box.dataset.state !== "failed") {
    var poll = function () {
      fetch(box.dataset.url, {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (j) {
          drawBar(document.getElementById("job-bar"), j.percent);
          document.getElementById("job-state").textContent = j.label + (j.message ? " — " + j.message : "");
          if (j.state === "done") { document.getElementById("job-links").classList.remove("d-none"); return; }
          if (j.state !== "failed") setTimeout(poll, 1000);
        });
    };
    poll();
  }
  // Issue 14: searchable checkbox lists (includes/pick_list.html). Typing in
  // <input data-filter-list="ID"> hides the items of #ID whose text does not contain the words
  // (diacritics ignored); a list with data-follow-units="ID" shows only the items whose
  // data-units include a unit checked in #ID (none checked: all). Checked items always show.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }
  function refreshList(list) {
    var input = document.querySelector('[data-filter-list="' + list.id + '"]');
    var words = input ? fold(input.value).split(/\s+/).filter(Boolean) : [];
    var units = null;
    var follow = list.getAttribute("data-follow-units");
    if (follow) {
      var checked = document.querySelectorAll("#" + follow + " input:checked");
      if (checked.length) units = Array.prototype.map.call(checked, function (c) { return c.value; });
    }
    list.querySelectorAll("[data-filter-item]").forEach(function (item) {
      var text = fold(item.textContent);
      var box = item.querySelector("input");
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      if (units) {
        var own = (item.getAttribute("data-units") || "").split(" ");
        match = match && units.some(function (u) { return own.indexOf(u) !== -1; });
      }
      item.hidden = !(match || (box && box.checked));
    });
  }
  document.querySelectorAll("[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) return;
    input.addEventListener("input", function () { refreshList(list); });
    // Enter in the filter must not submit the form.
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  });
  document.querySelectorAll("[data-follow-units]").forEach(function (list) {
    var units = document.getElementById(list.getAttribute("data-follow-units"));
    if (units) units.addEventListener("change", function () { refreshList(list); });
    refreshList(list);
  });

  // <form data-switch-form>: a block marked data-show-when="name=value" shows only while the
  // radio button `name` has that value (the server ignores the hidden blocks' fields too).
  document.querySelectorAll("form[data-switch-form]").forEach(function (form) {
    var blocks = form.querySelectorAll("[data-show-when]");
    function refresh() {
      blocks.forEach(function (block) {
        var rule = block.getAttribute("data-show-when").split("=");
        var chosen = form.querySelector('input[name="' + rule[0] + '"]:checked');
        block.hidden = !chosen || chosen.value !== rule[1];
      });
    }
    form.addEventListener("change", refresh);
    refresh();
  });
})();
