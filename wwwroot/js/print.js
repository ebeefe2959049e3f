// A "Print" button is shown only where this script runs, since printing needs it; the browser's own Print works anyway.
(function () {
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
