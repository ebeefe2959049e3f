// Draws a bar chart for each <canvas data-chart-table="ID"> from the numbers in the table with that id, so the
// chart and the table can never disagree and the numbers stay available without JavaScript. The first cell of each
// row is its label; data-chart-columns lists the cells charted (1 by default), each a series named by its header.
// A cell that is not a number (a suppressed "fewer than 5") is left out of the chart.
(function () {
  if (typeof Chart === 'undefined') return;
  // The page's own type and text colour, at a size people can read.
  Chart.defaults.font.family = 'arial, sans-serif';
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#0b0c0c';
  var colours = ['#1d70b8', '#00703c', '#d4351c'];
  function number(cell) {
    var text = cell.textContent.trim().replace(/,/g, '');
    return /^\d+$/.test(text) ? Number(text) : null;
  }
  document.querySelectorAll('canvas[data-chart-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute('data-chart-table'));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var headers = table.querySelectorAll('thead th');
    var columns = (canvas.getAttribute('data-chart-columns') || '1').split(',').map(Number);
    var labels = rows.map(function (row) { return row.cells[0].textContent.trim(); });
    var datasets = columns.map(function (column, i) {
      return {
        label: columns.length > 1 && headers[column] ? headers[column].textContent.trim() : (canvas.getAttribute('data-chart-label') || ''),
        data: rows.map(function (row) { return number(row.cells[column]); }),
        backgroundColor: colours[i % colours.length]
      };
    });
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { y: { beginAtZero: true, max: canvas.hasAttribute('data-chart-max') ? Number(canvas.getAttribute('data-chart-max')) : undefined, ticks: { precision: 0 } } }
      }
    });
  });
})();
