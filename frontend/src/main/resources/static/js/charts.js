// Line charts over iterations (Chart.js from its WebJar). Each chart keeps its canvas's data-points
// attribute at the number of points drawn, which tells a reader (and the browser tests) that data arrived.
window.HourglassCharts = (function () {
  const COLOURS = ['#2f6fde', '#e0702b', '#2e9d5b', '#9b51e0', '#c8413b', '#0f9ba8'];

  /** A log axis labels its decades only; the ticks between them would overlap. */
  function powersOfTen(value) {
    const exponent = Math.log10(value);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? String(Number(value.toPrecision(1))) : '';
  }

  /**
   * @param canvas  the <canvas> to draw on
   * @param series  [{key, label, dashed?}] one line each, in this order
   * @param options {yTitle, logY}
   */
  function create(canvas, series, options) {
    options = options || {};
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map(function (s, i) {
          return {
            label: s.label, data: [], borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
            borderWidth: 2, pointRadius: 0, pointHitRadius: 6, borderDash: s.dashed ? [6, 4] : [], tension: 0,
            spanGaps: true
          };
        })
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: {mode: 'nearest', axis: 'x', intersect: false},
        scales: {
          x: {type: 'linear', title: {display: true, text: 'iteration'}, ticks: {maxTicksLimit: 8}},
          y: {
            type: options.logY ? 'logarithmic' : 'linear', title: {display: !!options.yTitle, text: options.yTitle},
            ticks: options.logY ? {callback: powersOfTen} : {}
          }
        },
        plugins: {legend: {display: series.length > 1, labels: {boxWidth: 12}}}
      }
    });
    const index = {};
    series.forEach(function (s, i) { index[s.key] = i; });

    function count() {
      canvas.dataset.points = chart.data.datasets.reduce(function (n, d) { return n + d.data.length; }, 0);
    }

    count();
    return {
      keys: Object.keys(index),
      /** Replaces a series: points as [{x, y}] in iteration order. */
      set: function (key, points) {
        chart.data.datasets[index[key]].data = points;
        chart.update('none');
        count();
      },
      /** Appends points after those drawn; the caller skips iterations already drawn. */
      append: function (key, points) {
        Array.prototype.push.apply(chart.data.datasets[index[key]].data, points);
        chart.update('none');
        count();
      }
    };
  }

  return {create: create};
})();
