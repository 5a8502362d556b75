// The submit page: as the user types, the recipe the control plane derives (POST /api/v1/recipes/preview), the
// rate over the whole run from the preview's lrCurve, and the API's own messages beside the fields.
(function () {
  const form = document.getElementById('submit-form');
  // Not form.dataset: a form's controls shadow its properties, and this form has a field named "dataset".
  const builtInDatasets = JSON.parse(form.getAttribute('data-built-in-datasets'));
  const previewUrl = form.getAttribute('data-preview-url');
  const RECIPE_FIELDS = ['model', 'kn', 'perGpuBatch', 'epochs', 'datasetSize', 'overrides.scaling',
    'overrides.warmup', 'overrides.warmupEpochs', 'overrides.baseLr'];
  const lrChart = HourglassCharts.create(document.getElementById('preview-lr'),
    [{key: 'lr', label: 'learning rate'}], {yTitle: 'learning rate (log scale)', logY: true});
  const body = document.getElementById('preview-body');
  const problem = document.getElementById('preview-problem');
  const state = document.getElementById('preview-state');
  // A refused submission's messages (quota, name) stay until the user edits something.
  let showFieldErrors = form.getAttribute('data-submitted') !== 'true';
  let latest = 0;
  let timer = null;

  function value(name) {
    return form.elements[name].value.trim();
  }

  function number(name) {
    const text = value(name);
    return text === '' ? undefined : Number(text);
  }

  /** The recipe part of the form, as the submission will plan it (a typed dataset size wins, as there). */
  function recipeRequest() {
    const dataset = value('dataset');
    const typedSize = number('datasetSize');
    const overrides = {
      scaling: value('overrides.scaling') || undefined,
      warmup: value('overrides.warmup') || undefined,
      warmupEpochs: number('overrides.warmupEpochs'),
      baseLr: number('overrides.baseLr')
    };
    return {
      model: value('model'), kn: number('kn'), perGpuBatch: number('perGpuBatch'), epochs: number('epochs'),
      datasetSize: typedSize !== undefined ? typedSize : builtInDatasets[dataset],
      overrides: Object.values(overrides).some(function (v) { return v !== undefined; }) ? overrides : undefined
    };
  }

  function showErrors(errors) {
    RECIPE_FIELDS.forEach(function (field) {
      const message = errors[field] || '';
      form.querySelector('[data-error-for="' + field + '"]').textContent = message;
      form.elements[field].classList.toggle('invalid', message !== '');
    });
  }

  function render(plan) {
    HourglassRecipe.render(document.getElementById('preview-facts'), 'preview-', plan);
    const warnings = document.getElementById('preview-warnings');
    warnings.replaceChildren.apply(warnings, plan.warnings.map(function (warning) {
      const p = document.createElement('p');
      p.className = 'warning';
      p.textContent = '⚠ ' + warning;
      return p;
    }));
    lrChart.set('lr', plan.lrCurve.map(function (p) { return {x: p.iteration, y: p.lr}; }));
  }

  async function preview() {
    const mine = ++latest;
    state.textContent = 'updating…';
    const answer = await HourglassApi.postJson(previewUrl, recipeRequest());
    if (mine !== latest) {
      return; // a newer keystroke's preview is on its way
    }
    const errors = {};
    if (answer.ok) {
      render(answer.body);
      problem.hidden = true;
      body.classList.remove('stale');
      state.textContent = '';
    } else {
      const listed = (answer.body && answer.body.errors) || [];
      listed.forEach(function (e) { errors[e.field] = errors[e.field] ? errors[e.field] + '; ' + e.message : e.message; });
      const unplaced = listed.filter(function (e) { return RECIPE_FIELDS.indexOf(e.field) < 0; });
      problem.textContent = listed.length === 0 || unplaced.length > 0
        ? (answer.body && answer.body.detail) || 'the preview failed (HTTP ' + answer.status + ')'
        : 'Fix the fields marked in red to see the recipe.';
      problem.hidden = false;
      body.classList.add('stale');
      state.textContent = '(not valid)';
    }
    if (showFieldErrors) {
      showErrors(errors);
    }
  }

  function edited(event) {
    showFieldErrors = true;
    const slot = form.querySelector('[data-error-for="' + event.target.name + '"]');
    if (slot && RECIPE_FIELDS.indexOf(event.target.name) < 0) {
      slot.textContent = '';
      event.target.classList.remove('invalid');
    }
    clearTimeout(timer);
    timer = setTimeout(preview, 200);
  }

  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  preview();
})();
