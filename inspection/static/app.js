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
})();
