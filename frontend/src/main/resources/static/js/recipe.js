// A derived recipe in words: the same on the submit page's live preview and on a job's page.
window.HourglassRecipe = (function () {
  function decimal(x) {
    return Number.isInteger(x) ? x.toLocaleString('en-US') : String(Number(x.toPrecision(6)));
  }

  function facts(plan) {
    const w = plan.warmup;
    return [
      ['gpus', 'GPUs', 'k=' + plan.k + ' on ' + plan.nodes + (plan.nodes === 1 ? ' node' : ' nodes') + ', n='
        + plan.perGpuBatch + ' per GPU'],
      ['eta', 'learning rate', 'η = ' + decimal(plan.peakLr) + ' from the base rate ' + decimal(plan.baseLr) + ' ('
        + plan.scaling.toLowerCase() + ' scaling)'],
      ['warmup', 'warmup', w.kind === 'NONE' ? 'none' : w.kind.toLowerCase() + ' over ' + decimal(w.epochs)
        + ' epochs (' + decimal(w.iterations) + ' iterations), ' + decimal(w.startLr) + ' → ' + decimal(plan.peakLr)],
      ['length', 'length', decimal(plan.epochs) + ' epochs × ' + decimal(plan.itersPerEpoch) + ' iterations = '
        + decimal(plan.totalIterations) + ' iterations'],
      ['steps', 'steps', plan.schedule.length === 0 ? 'none' : plan.schedule.map(function (s) {
        return '÷10 at epoch ' + decimal(s.epoch) + ' (iteration ' + decimal(s.iteration) + ') → ' + decimal(s.lr);
      }).join('; ')],
      ['momentum', 'momentum', plan.momentum + (plan.nesterov ? ' Nesterov' : ' plain')
        + ', corrected by η_new/η_old at every change'],
      ['decay', 'weight decay', decimal(plan.weightDecay) + ', not on ' + plan.weightDecayExcludes.map(function (kind) {
        return kind.toLowerCase().replace('_', ' ');
      }).join(', ')]
    ];
  }

  /** Fills the <dl>; each <dd> gets the id prefix + its fact's key (gpus, eta, warmup, length, steps, ...). */
  function render(list, idPrefix, plan) {
    const items = [];
    facts(plan).forEach(function (fact) {
      const term = document.createElement('dt');
      term.textContent = fact[1];
      const text = document.createElement('dd');
      text.id = idPrefix + fact[0];
      text.textContent = fact[2];
      items.push(term, text);
    });
    list.replaceChildren.apply(list, items);
  }

  return {render: render};
})();
