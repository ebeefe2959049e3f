// Draws a bar chart for each <canvas data-chart-table="ID"> from the numbers in the table with that id, so the
// chart and the table can never disagree and the numbers stay available without JavaScript.
(function () {
  if (typeof Chart === 'undefined') return;
  // The page's own type and text colour, at a size people can read.
  Chart.defaults.font.family = 'arial, sans-serif';
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#0b0c0c';
  document.querySelectorAll('canvas[data-chart-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute('data-chart-table'));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var labels = rows.map(function (row) { return row.cells[0].textContent.trim(); });
    var values = rows.map(function (row) { return Number(row.cells[1].textContent.trim()); });
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: canvas.getAttribute('data-chart-label') || '', data: values, backgroundColor: '#1d70b8' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, max: canvas.hasAttribute('data-chart-max') ? Number(canvas.getAttribute('data-chart-max')) : undefined, ticks: { precision: 0 } } }
      }
    });
  });
})();
