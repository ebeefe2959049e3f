// A box in a table's heading that chooses or clears every box of its name on the page; shown only where this script runs.
(function () {
  document.querySelectorAll('[data-select-all]').forEach(function (all) {
    var boxes = document.querySelectorAll('input[type=checkbox][name="' + all.getAttribute('data-select-all') + '"]');
    all.hidden = false;
    all.addEventListener('change', function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  });
})();
