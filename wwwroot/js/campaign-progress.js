// Keeps a campaign's progress bar and counts current without reloading the page: polls the page's Progress
// handler every two seconds while the campaign is sending or paused, and stops once it has finished.
(function () {
  var root = document.querySelector('[data-progress-url]');
  if (!root || root.getAttribute('data-progress-live') !== 'true') return;
  var url = root.getAttribute('data-progress-url');
  var format = new Intl.NumberFormat('en-GB');

  function set(name, text) {
    var element = root.querySelector('[data-progress="' + name + '"]');
    if (element) element.textContent = text;
  }

  function update(progress) {
    var bar = root.querySelector('[data-progress-bar]');
    bar.value = progress.percent;
    bar.textContent = progress.percent + '%';
    root.querySelector('[data-progress-percent]').textContent = progress.percent;
    ['sent', 'failed', 'retrying', 'pending', 'cancelled', 'perMinute'].forEach(function (name) { set(name, format.format(progress[name])); });
    set('eta', progress.eta || '–');
    var status = document.querySelector('[data-progress-status]');
    if (status) status.textContent = progress.statusText;
    return progress.status === 'Sending' || progress.status === 'Paused';
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (progress) { if (update(progress)) setTimeout(poll, 2000); })
      .catch(function () { setTimeout(poll, 10000); });
  }

  setTimeout(poll, 2000);
})();
