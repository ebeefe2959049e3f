// Polls a running check or import and moves its progress bar; reloads the page when it has finished, to show the
// report. Without JavaScript the page still says what is happening and can be reloaded by hand.
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var started = box.getAttribute("data-status");
  function poll() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        if (state.status !== started) { window.location.reload(); return; }
        bar.value = state.percent;
        bar.textContent = state.percent + "%";
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
