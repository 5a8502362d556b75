// A job's page: its series from GET .../metrics, then every batch the live stream (GET .../events) brings,
// and its status changes as they happen.
(function () {
  const root = document.getElementById('job');
  const ENDED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
  const chartsBySeries = {};
  const lastIteration = {};
  let reached = Number(root.dataset.iteration);

  HourglassRecipe.render(document.getElementById('recipe-facts'), 'recipe-', JSON.parse(root.dataset.plan));

  document.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
    const keys = canvas.dataset.series.split(',');
    const labels = canvas.dataset.labels.split(',');
    const series = keys.map(function (key, i) { return {key: key, label: labels[i]}; });
    if (canvas.dataset.planned) {
      series.push({key: 'planned', label: 'planned', dashed: true});
    }
    const chart = HourglassCharts.create(canvas, series,
      {yTitle: canvas.dataset.yTitle, logY: canvas.dataset.logY === 'true'});
    keys.forEach(function (key) { (chartsBySeries[key] = chartsBySeries[key] || []).push(chart); });
    if (canvas.dataset.planned) {
      chart.set('planned', JSON.parse(root.dataset.plannedLr).map(function (p) { return {x: p.iteration, y: p.lr}; }));
    }
  });

  function showProgress() {
    const total = Number(root.dataset.totalIterations);
    const done = Math.min(reached, total);
    const perEpoch = Number(root.dataset.itersPerEpoch);
    const epochs = Number(root.dataset.totalEpochs);
    document.getElementById('job-progress-bar').style.width = (total === 0 ? 0 : 100 * done / total) + '%';
    document.getElementById('job-progress').textContent = 'epoch ' + (done / perEpoch).toFixed(1) + ' / '
      + (Number.isInteger(epochs) ? epochs : epochs.toFixed(1)) + ' · iteration ' + done.toLocaleString('en-US')
      + ' / ' + total.toLocaleString('en-US');
  }

  /** Streamed points [{name, iteration, value}]: those past what each series shows are appended. */
  function append(points) {
    const fresh = {};
    points.forEach(function (p) {
      if (chartsBySeries[p.name] && !(p.iteration <= lastIteration[p.name])) {
        (fresh[p.name] = fresh[p.name] || []).push({x: p.iteration, y: Number(p.value)});
        lastIteration[p.name] = p.iteration;
      }
      reached = Math.max(reached, p.iteration);
    });
    Object.keys(fresh).forEach(function (name) {
      chartsBySeries[name].forEach(function (chart) { chart.append(name, fresh[name]); });
    });
    showProgress();
  }

  function event(text) {
    const item = document.createElement('li');
    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = now.toISOString().replace('T', ' ').substring(0, 19);
    item.append(time, text);
    document.getElementById('job-events').append(item);
  }

  function status(change) {
    const badge = document.getElementById('job-status');
    badge.textContent = change.status;
    badge.className = 'badge ' + change.status;
    if (change.status !== root.dataset.status) {
      root.dataset.status = change.status;
      event(change.status + (change.reason ? ': ' + change.reason : ''));
    }
    if (ENDED.indexOf(change.status) >= 0) {
      const cancel = document.getElementById('cancel-form');
      if (cancel) {
        cancel.remove();
      }
      const waiting = document.getElementById('job-waiting');
      if (waiting) {
        waiting.remove();
      }
    }
    if (change.status === 'FAILED' && change.reason) {
      const failure = document.getElementById('job-failure');
      failure.textContent = change.reason;
      failure.hidden = false;
    }
  }

  // Subscribe first and hold what arrives until the stored series are drawn, so that no batch falls between.
  let early = [];
  const stream = new EventSource(root.dataset.eventsUrl);
  stream.addEventListener('metrics', function (e) {
    const points = JSON.parse(e.data).points;
    if (early) {
      early.push(points);
    } else {
      append(points);
    }
  });
  stream.addEventListener('status', function (e) { status(JSON.parse(e.data)); });

  const names = Object.keys(chartsBySeries).join(',');
  HourglassApi.getJson(root.dataset.metricsUrl + '?points=1000&names=' + encodeURIComponent(names)).then(function (metrics) {
    Object.keys(metrics.series).forEach(function (name) {
      const points = metrics.series[name];
      if (chartsBySeries[name] && points.length > 0) {
        const drawn = points.map(function (p) { return {x: p.iteration, y: Number(p.value)}; });
        chartsBySeries[name].forEach(function (chart) { chart.set(name, drawn); });
        lastIteration[name] = points[points.length - 1].iteration;
        reached = Math.max(reached, lastIteration[name]);
      }
    });
    const held = early;
    early = null;
    held.forEach(append);
    showProgress();
  });

  const cancel = document.getElementById('cancel-form');
  if (cancel) {
    cancel.addEventListener('submit', function (e) {
      if (!confirm('Cancel job ' + root.dataset.jobId + '? Its workers are stopped and its GPUs freed.')) {
        e.preventDefault();
      }
    });
  }
})();
