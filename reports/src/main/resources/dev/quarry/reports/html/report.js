// The experiment report: summary, guardrails, dataset, leaderboard, charts, diagnostics, ensemble.
(function () {
  const R = DATA, S = R.summary, app = document.getElementById('app');
  const higher = S.higherIsBetter;
  document.getElementById('subtitle').textContent = [S.experiment, S.task, S.metric + (higher ? ' (higher is better)'
    : ' (lower is better)'), S.status, 'report generated ' + when(R.generated)].filter(Boolean).join(' \u00b7 ');
  app.textContent = '';

  // ---- summary
  const b = S.budget;
  const kp = [];
  if (S.best) {
    const ci = S.best.ciLow !== null ? '95% CI ' + fmt(S.best.ciLow) + ' \u2013 ' + fmt(S.best.ciHigh) + ' over '
      + S.best.folds + ' folds' : (S.best.folds > 1 ? '' : 'one validation split: no interval');
    kp.push(kpi('Best ' + S.metric, fmt(S.best.score), ci));
    kp.push(kpi('Best child run', S.best.learner, 'trial ' + S.best.trial));
  } else {
    kp.push(kpi('Best ' + S.metric, 'none', 'no child run scored'));
  }
  kp.push(kpi('Time used', secs(b.usedSeconds), b.maxSeconds !== null ? 'of ' + secs(b.maxSeconds) + ' budget' : 'no time budget',
    b.maxSeconds ? b.usedSeconds / b.maxSeconds : null));
  kp.push(kpi('Child runs', String(b.trials), b.completed + ' completed, ' + b.pruned + ' pruned, ' + b.failed + ' failed'
    + (b.maxTrials !== null ? ' \u00b7 budget ' + b.maxTrials : ''), b.maxTrials ? b.trials / b.maxTrials : null));
  kp.push(kpi('Stop reason', S.stopReason || 'still running', S.finished ? 'ended ' + when(S.finished) : 'started ' + when(S.created)));
  kp.push(kpi('Task', S.task, S.validation || ''));
  // the saved model: not always the best-ranked child run (nested estimates, deployment options)
  const sh = S.shipped;
  if (sh) {
    kp.push(kpi('Shipped model', sh.learner || (sh.trial === null ? 'saved' : 'trial ' + sh.trial),
      [sh.trial !== null ? 'trial ' + sh.trial : null, sh.fit].filter(Boolean).join(' \u00b7 ')));
  }
  app.append(card('summary', 'Summary', h('div', {class: 'kpis'}, kp),
    sh && sh.reason ? h('p', {class: 'muted', id: 'shipped-reason'}, 'Why this model: ' + sh.reason) : null));

  // ---- guardrails
  if (R.guardrails && R.guardrails.checks.length) {
    app.append(card('guardrails', 'Guardrails', h('table', {}, h('thead', {}, h('tr', {},
      ['Check', 'Status', 'Columns', 'Finding', 'Action'].map(t => h('th', {}, t)))),
      h('tbody', {}, R.guardrails.checks.map(c => h('tr', {}, h('td', {}, c.check), h('td', {}, statusBadge(c.status)),
        h('td', {}, c.columns.join(', ')), h('td', {}, c.message), h('td', {}, c.action || '')))))));
  } else {
    app.append(card('guardrails', 'Guardrails', h('p', {class: 'muted'}, R.guardrails
      ? 'The guardrails recorded no checks.' : 'No guardrail results were recorded for this experiment (no outputs/guardrails.json).')));
  }

  // ---- dataset
  if (R.dataset) {
    const d = R.dataset;
    const parts = [h('div', {class: 'kpis'}, kpi('Rows', String(d.rows), d.droppedRows ? d.droppedRows
        + ' dropped (missing target)' : 'none dropped'), kpi('Features', String(d.columns.length),
        d.columns.filter(c => c.kind === 'CATEGORICAL').length + ' categorical'), kpi('Target', d.target, ''),
      kpi('File', d.file.split(/[\\/]/).pop(), 'sha256 ' + (d.sha256 || '').slice(0, 12)))];
    if (d.featurization) parts.push(h('p', {class: 'note'}, 'Featurization: ' + d.featurization));
    const cols = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Column'), h('th', {}, 'Kind'),
      h('th', {class: 'num'}, 'Missing'), h('th', {class: 'num'}, 'Distinct'))),
      h('tbody', {}, d.columns.map(c => h('tr', {}, h('td', {}, c.name), h('td', {}, c.kind.toLowerCase()),
        h('td', {class: 'num'}, c.missing), h('td', {class: 'num'}, c.distinct)))));
    const two = h('div', {class: 'two'}, h('div', {class: 'board-wrap', style: 'max-height:320px'}, cols));
    if (d.classes.length) {
      const total = d.classes.reduce((a, c) => a + c.rows, 0);
      two.append(h('div', {}, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Class'), h('th', {class: 'num'}, 'Rows'),
        h('th', {class: 'num'}, 'Share'))), h('tbody', {}, d.classes.map(c => h('tr', {}, h('td', {}, c.label),
        h('td', {class: 'num'}, c.rows), h('td', {class: 'num'}, (100 * c.rows / total).toFixed(1) + '%')))))));
    }
    parts.push(two);
    app.append(card('dataset', 'Dataset', parts));
  }

  // ---- leaderboard
  const runs = R.runs.map((r, i) => Object.assign({}, r, {index: i,
    paramsText: Object.entries(r.params).map(([k, v]) => k + '=' + v).join(', ')}));
  const hasLatency = runs.some(r => r.predictMillis !== null), hasSize = runs.some(r => r.sizeBytes !== null);
  const columns = [
    {key: 'rank', label: 'Rank', num: true, show: r => r.rank || ''},
    {key: 'trial', label: 'Trial', num: true, show: r => r.trial},
    {key: 'learner', label: 'Learner', show: r => r.learner},
    {key: 'score', label: S.metric, num: true, show: r => fmt(r.score)},
    {key: 'spread', label: '\u00b1 folds', num: true, show: r => fmt(r.spread)},
    {key: 'fitSeconds', label: 'Fit s', num: true, show: r => fmt(r.fitSeconds, 2)},
    {key: 'durationSeconds', label: 'Wall s', num: true, show: r => fmt(r.durationSeconds, 2)},
    hasLatency ? {key: 'predictMillis', label: 'p50 ms', num: true, show: r => fmt(r.predictMillis, 3)} : null,
    hasLatency ? {key: 'predictP99Millis', label: 'p99 ms', num: true, show: r => fmt(r.predictP99Millis, 3)} : null,
    hasSize ? {key: 'sizeBytes', label: 'Size', num: true, show: r => bytes(r.sizeBytes)} : null,
    {key: 'status', label: 'Status', show: r => statusBadge(r.status + (r.failure ? '' : ''))},
    {key: 'worker', label: 'Worker', show: r => r.worker},
    {key: 'paramsText', label: 'Params', cls: 'params', show: r => r.error ? r.paramsText + ' \u2014 ' + r.error : r.paramsText},
  ].filter(Boolean);
  const PAGE = 100;
  const state = {key: 'rank', dir: 1, filter: '', status: '', learner: '', page: 0, view: runs};
  const bestTrial = S.best ? S.best.trial : null;
  function value(r, key) {
    if (key === 'rank') return r.rank > 0 ? r.rank : null;
    if (key === 'score') return r.score === null ? null : (higher ? -r.score : r.score); // ascending = best first
    return r[key];
  }
  function compare(a, b) {
    const va = value(a, state.key), vb = value(b, state.key);
    if (va === null || va === undefined) return vb === null || vb === undefined ? a.index - b.index : 1;
    if (vb === null || vb === undefined) return -1;
    const c = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? c * state.dir : a.index - b.index;
  }
  const tbody = h('tbody', {});
  const count = h('span', {class: 'count'});
  const pageInfo = h('span', {class: 'count'});
  const heads = columns.map(c => h('th', {class: 'sortable' + (c.num ? ' num' : ''), 'data-key': c.key, scope: 'col',
    onclick: () => { state.dir = state.key === c.key ? -state.dir : 1; state.key = c.key; refresh(); }}, c.label));
  function refresh() {
    const q = state.filter.toLowerCase();
    state.view = runs.filter(r => (!state.status || r.status === state.status) && (!state.learner || r.learner === state.learner)
      && (!q || r.learner.toLowerCase().includes(q) || r.paramsText.toLowerCase().includes(q) || String(r.trial) === q
        || (r.error || '').toLowerCase().includes(q) || r.worker.toLowerCase().includes(q)));
    state.view.sort(compare);
    const pages = Math.max(1, Math.ceil(state.view.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    heads.forEach((th, i) => th.setAttribute('aria-sort', columns[i].key === state.key ? (state.dir > 0 ? 'ascending' : 'descending') : 'none'));
    const frag = document.createDocumentFragment();
    for (const r of state.view.slice(state.page * PAGE, state.page * PAGE + PAGE)) {
      const tr = h('tr', {'data-trial': r.trial, class: r.trial === bestTrial ? 'best' : null});
      for (const c of columns) tr.append(h('td', {class: (c.num ? 'num' : '') + (c.cls ? ' ' + c.cls : '')}, c.show(r)));
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    count.textContent = state.view.length === runs.length ? runs.length + ' child runs' : state.view.length + ' of ' + runs.length + ' child runs';
    pageInfo.textContent = 'page ' + (state.page + 1) + ' of ' + pages;
  }
  const learners = [...new Set(runs.map(r => r.learner))].sort();
  const statuses = [...new Set(runs.map(r => r.status))].sort();
  const controls = h('div', {class: 'controls'},
    h('input', {type: 'search', id: 'filter', placeholder: 'Filter: learner, params, worker, error, trial number',
      oninput: e => { state.filter = e.target.value; state.page = 0; refresh(); }}),
    h('select', {id: 'learner-filter', onchange: e => { state.learner = e.target.value; state.page = 0; refresh(); }},
      h('option', {value: ''}, 'all learners'), learners.map(l => h('option', {value: l}, l))),
    h('select', {id: 'status-filter', onchange: e => { state.status = e.target.value; state.page = 0; refresh(); }},
      h('option', {value: ''}, 'all statuses'), statuses.map(x => h('option', {value: x}, x))),
    count,
    h('button', {type: 'button', id: 'prev', onclick: () => { if (state.page > 0) { state.page--; refresh(); } }}, '\u2039 prev'),
    pageInfo,
    h('button', {type: 'button', id: 'next', onclick: () => { state.page++; refresh(); }}, 'next \u203a'));
  app.append(card('leaderboard-card', 'Leaderboard', controls,
    h('div', {class: 'board-wrap'}, h('table', {id: 'leaderboard'}, h('thead', {}, h('tr', {}, heads)), tbody)),
    h('p', {class: 'note'}, 'Click a column header to sort (again to reverse); scores sort best first. The \u00b1 column is the '
      + 'standard deviation of the metric across folds.')));
  refresh();

  // ---- charts
  const C = R.charts, charts = [];
  const scored = runs.filter(r => r.score !== null);
  if (C.bestOverTime.length) {
    const end = Math.max(b.usedSeconds, ...scored.map(r => r.startSeconds + r.durationSeconds));
    // The y range covers the leader and the better 80% of runs, so a few very bad runs do not flatten the line.
    const losses = scored.map(r => higher ? -r.score : r.score).sort((x, y) => x - y);
    const cut = losses[Math.min(losses.length - 1, Math.floor(losses.length * 0.8))];
    const inRange = scored.filter(r => (higher ? -r.score : r.score) <= cut);
    const yr = extent(inRange.map(r => r.score).concat(C.bestOverTime.filter(p => (higher ? -p.score : p.score) <= cut)
      .map(p => p.score)), 0.05);
    const a = axes({x: [0, end || 1], y: yr, xLabel: 'seconds since start', yLabel: S.metric});
    const sy = a.sy;
    a.sy = v => sy(Math.max(yr[0], Math.min(yr[1], v)));
    dots(a.plot, inRange.map(r => ({x: a.sx(r.startSeconds + r.durationSeconds), y: a.sy(r.score),
      color: STATUS_COLOR[r.status] || '#888', title: 'trial ' + r.trial + ' ' + r.learner + ': ' + fmt(r.score)})), 2.2, 0.35);
    const pts = [];
    C.bestOverTime.forEach((p, i) => {
      if (i > 0) pts.push([a.sx(p.seconds), a.sy(C.bestOverTime[i - 1].score)]);
      pts.push([a.sx(p.seconds), a.sy(p.score)]);
    });
    pts.push([a.sx(end), a.sy(C.bestOverTime[C.bestOverTime.length - 1].score)]);
    a.plot.append(polyline(pts, {stroke: '#3157d5'}));
    for (const p of C.bestOverTime) {
      a.plot.append(s('circle', {cx: a.sx(p.seconds), cy: a.sy(p.score), r: 3.5, fill: '#3157d5'},
        tip('new best: trial ' + p.trial + ', ' + fmt(p.score) + ' at ' + secs(p.seconds))));
    }
    charts.push(chartBox('Best score over time', a.svg, 'Line: the leader\u2019s score; dots: scored child runs when they finished'
      + (inRange.length < scored.length ? ' (the worst ' + (scored.length - inRange.length) + ' are off the chart).' : '.')));
  }
  if (C.byLearner.length) {
    const names = C.byLearner.map(l => l.learner);
    const a = axes({x: extent(C.byLearner.flatMap(l => l.scores), 0.05), yBands: names, left: 150,
      h: Math.max(160, 40 + 34 * names.length), xLabel: S.metric});
    dots(a.plot, C.byLearner.flatMap((l, i) => l.scores.map((v, j) => ({x: a.sx(v), y: a.sy(i) + jitter(j + 7 * i) * 18,
      color: PALETTE[i % PALETTE.length], title: l.learner + ': ' + fmt(v)}))), 2.6, 0.55);
    C.byLearner.forEach((l, i) => {
      a.plot.append(s('path', {d: 'M' + a.sx(l.best) + ',' + (a.sy(i) - 12) + 'v24', stroke: '#1d2433', 'stroke-width': 2},
        tip('best ' + l.learner + ': ' + fmt(l.best))));
    });
    charts.push(chartBox('Score by learner', a.svg, 'One dot per scored child run; the bar marks each learner\u2019s best.'));
  }
  for (const p of C.params) {
    let a;
    if (p.numeric) {
      const xs = p.points.map(q => q.x), pos = xs.every(x => x > 0), lo = Math.min(...xs), hi = Math.max(...xs);
      const log = pos && hi / lo > 100;
      a = axes({x: log ? [lo, hi] : extent(xs), xLog: log, y: extent(p.points.map(q => q.score), 0.05),
        xLabel: p.param + (log ? ' (log scale)' : ''), yLabel: S.metric});
      dots(a.plot, p.points.map(q => ({x: a.sx(q.x), y: a.sy(q.score), color: '#3157d5',
        title: p.param + '=' + fmt(q.x) + ': ' + fmt(q.score)})), 3, 0.6);
    } else {
      const labels = [...new Set(p.points.map(q => q.label))];
      a = axes({x: extent(p.points.map(q => q.score), 0.05), yBands: labels, left: 120,
        h: Math.max(140, 40 + 30 * labels.length), xLabel: S.metric});
      dots(a.plot, p.points.map((q, j) => ({x: a.sx(q.score), y: a.sy(labels.indexOf(q.label)) + jitter(j) * 14,
        color: '#e8590c', title: p.param + '=' + q.label + ': ' + fmt(q.score)})), 3, 0.6);
    }
    charts.push(chartBox(p.learner + ': ' + p.param + ' against score', a.svg, 'influence ' + fmt(p.influence, 2)
      + (p.numeric ? ' (|Spearman \u03c1| with the score)' : ' (\u03b7\u00b2: share of score variance between values)')));
  }
  if (C.workers.length) {
    const names = C.workers.map(w => w.worker);
    const end = Math.max(b.usedSeconds, ...C.workers.flatMap(w => w.spans.map(sp => sp.end)), 1e-3);
    const a = axes({x: [0, end], yBands: names, left: 110, h: Math.max(150, 40 + 28 * names.length), xLabel: 'seconds since start'});
    bars(a.plot, C.workers.flatMap((w, i) => w.spans.map(sp => ({x: a.sx(sp.start), y: a.sy(i) - 9,
      w: Math.max(0.8, a.sx(sp.end) - a.sx(sp.start)), h: 18, color: STATUS_COLOR[sp.status] || '#888',
      title: 'trial ' + sp.trial + ' ' + sp.status + ' ' + secs(sp.end - sp.start)}))), 0.85);
    const counts = {};
    C.workers.forEach(w => w.spans.forEach(sp => { counts[sp.status] = (counts[sp.status] || 0) + 1; }));
    charts.push(chartBox('Trials per worker over time', a.svg, null,
      legend(Object.keys(STATUS_COLOR).filter(k => counts[k]).map(k => [k.toLowerCase() + ' (' + counts[k] + ')', STATUS_COLOR[k]]))));
  }
  if (R.ensemble.length) {
    const names = R.ensemble.map(m => 'trial ' + m.trial + ' ' + m.learner);
    const a = axes({x: [0, 1], yBands: names, left: 200, h: Math.max(120, 40 + 28 * names.length), xLabel: 'weight'});
    R.ensemble.forEach((m, i) => a.plot.append(s('rect', {x: a.sx(0), y: a.sy(i) - 8, width: a.sx(m.weight) - a.sx(0), height: 16,
      fill: '#ae3ec9'}, tip(names[i] + (m.picks ? ': picked ' + m.picks + ' times, weight ' : ': share of the stack\'s weights ')
        + fmt(m.weight, 3)))));
    charts.push(h('div', {class: 'chart', id: 'ensemble'}, h('h3', {}, 'Ensemble members and weights'), a.svg,
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Trial'), h('th', {}, 'Learner'), h('th', {class: 'num'}, 'Picks'),
        h('th', {class: 'num'}, 'Weight'))), h('tbody', {}, R.ensemble.map(m => h('tr', {}, h('td', {}, m.trial),
        h('td', {}, m.learner), h('td', {class: 'num'}, m.picks || '–'), h('td', {class: 'num'}, fmt(m.weight, 3))))))));
  }
  app.append(card('charts', 'Search', charts.length ? h('div', {class: 'grid'}, charts) : h('p', {class: 'muted'}, 'No scored child runs yet.')));

  // ---- diagnostics
  const D = R.diagnostics;
  if (D) {
    const parts = [], grid = [];
    parts.push(h('p', {class: 'note'}, 'Model: ' + D.model + '. Computed on ' + D.rows + ' validation rows, each predicted by the fold '
      + 'model that did not train on it. ' + S.metric + ' per fold: ' + D.foldScores.map(v => fmt(v)).join(', ') + '.'));
    if (D.confusion) {
      const max = Math.max(1, ...D.confusion.flat());
      grid.push(h('div', {class: 'chart'}, h('h3', {}, 'Confusion matrix (rows: actual, columns: predicted)'),
        h('table', {class: 'confusion', id: 'confusion'}, h('thead', {}, h('tr', {}, h('th', {}, ''), D.classes.map(c => h('th', {}, c)))),
          h('tbody', {}, D.confusion.map((row, i) => h('tr', {}, h('th', {}, D.classes[i]), row.map((n, j) => {
            const td = h('td', {}, n);
            const share = n / max;
            td.style.background = i === j ? 'rgba(43,138,62,' + (0.1 + 0.6 * share).toFixed(3) + ')'
              : 'rgba(201,42,42,' + (n ? 0.08 + 0.6 * share : 0).toFixed(3) + ')';
            return td;
          })))))));
    }
    const curve = (c, title, xl, yl, diagonal, note) => {
      const a = axes({x: [0, 1], y: [0, 1], xLabel: xl, yLabel: yl, w: 360, h: 280});
      if (diagonal) a.plot.append(s('path', {d: 'M' + a.sx(0) + ',' + a.sy(0) + 'L' + a.sx(1) + ',' + a.sy(1), stroke: '#aab1bf',
        'stroke-dasharray': '4 3'}));
      a.plot.append(polyline(c.x.map((x, i) => [a.sx(x), a.sy(c.y[i])]), {stroke: '#3157d5'}));
      grid.push(chartBox(title, a.svg, note));
    };
    if (D.roc) curve(D.roc, 'ROC curve', 'false positive rate', 'true positive rate', true, 'AUC of the pooled validation rows: ' + fmt(D.roc.area));
    if (D.pr) curve(D.pr, 'Precision\u2013recall curve', 'recall', 'precision', false, 'average precision ' + fmt(D.pr.area));
    if (D.calibration.length) {
      const a = axes({x: [0, 1], y: [0, 1], xLabel: 'mean predicted probability', yLabel: 'observed frequency', w: 360, h: 280});
      a.plot.append(s('path', {d: 'M' + a.sx(0) + ',' + a.sy(0) + 'L' + a.sx(1) + ',' + a.sy(1), stroke: '#aab1bf', 'stroke-dasharray': '4 3'}));
      a.plot.append(polyline(D.calibration.map(c => [a.sx(c.predicted), a.sy(c.observed)]), {stroke: '#e8590c'}));
      const most = Math.max(...D.calibration.map(c => c.rows));
      D.calibration.forEach(c => a.plot.append(s('circle', {cx: a.sx(c.predicted), cy: a.sy(c.observed),
        r: 2 + 4 * Math.sqrt(c.rows / most), fill: '#e8590c'}, tip(c.rows + ' rows: predicted ' + fmt(c.predicted, 3)
        + ', observed ' + fmt(c.observed, 3)))));
      grid.push(chartBox('Calibration (positive class: ' + D.classes[1] + ')', a.svg, 'Dot size: rows in the bin; dashed: perfect calibration.'));
    }
    if (D.predictedActual.length) {
      const pa = D.predictedActual, ex = extent(pa.map(p => p.predicted).concat(pa.map(p => p.actual)), 0.03);
      const a = axes({x: ex, y: ex, xLabel: 'predicted', yLabel: 'actual', w: 380, h: 300});
      a.plot.append(s('path', {d: 'M' + a.sx(ex[0]) + ',' + a.sy(ex[0]) + 'L' + a.sx(ex[1]) + ',' + a.sy(ex[1]), stroke: '#aab1bf',
        'stroke-dasharray': '4 3'}));
      dots(a.plot, pa.map(p => ({x: a.sx(p.predicted), y: a.sy(p.actual), color: '#3157d5'})), 2, 0.45);
      grid.push(chartBox('Predicted against actual', a.svg, pa.length + ' rows' + (pa.length < D.rows ? ' (a sample)' : '')));
      const res = pa.map(p => p.actual - p.predicted);
      const b2 = axes({x: extent(pa.map(p => p.predicted), 0.03), y: extent(res.concat([0]), 0.05), xLabel: 'predicted',
        yLabel: 'residual (actual \u2212 predicted)', w: 380, h: 300});
      b2.plot.append(s('line', {x1: b2.sx(extent(pa.map(p => p.predicted), 0.03)[0]), x2: b2.sx(extent(pa.map(p => p.predicted), 0.03)[1]),
        y1: b2.sy(0), y2: b2.sy(0), stroke: '#aab1bf', 'stroke-dasharray': '4 3'}));
      dots(b2.plot, pa.map((p, i) => ({x: b2.sx(p.predicted), y: b2.sy(res[i]), color: '#e8590c'})), 2, 0.45);
      grid.push(chartBox('Residuals', b2.svg, null));
    }
    if (D.importance.length) {
      const imp = D.importance.slice(0, 25), names = imp.map(f => f.column);
      const a = axes({x: extent(imp.map(f => f.drop + f.spread).concat(imp.map(f => f.drop - f.spread), [0]), 0.05), yBands: names,
        left: 160, h: Math.max(140, 40 + 22 * names.length), xLabel: S.metric + ' worsening when shuffled', w: 480});
      imp.forEach((f, i) => {
        const x0 = a.sx(Math.min(0, f.drop)), x1 = a.sx(Math.max(0, f.drop));
        a.plot.append(s('rect', {x: x0, y: a.sy(i) - 7, width: Math.max(0.5, x1 - x0), height: 14, fill: f.drop >= 0 ? '#1098ad' : '#aab1bf'},
          tip(f.column + ': ' + fmt(f.drop) + ' \u00b1 ' + fmt(f.spread))));
        a.plot.append(s('path', {d: 'M' + a.sx(f.drop - f.spread) + ',' + a.sy(i) + 'H' + a.sx(f.drop + f.spread), stroke: '#1d2433'}));
      });
      grid.push(chartBox('Permutation feature importance', a.svg, D.importanceNote));
    } else if (D.importanceNote) {
      grid.push(h('div', {class: 'chart'}, h('h3', {}, 'Permutation feature importance'), h('p', {class: 'note'}, D.importanceNote)));
    }
    parts.push(h('div', {class: 'grid'}, grid));
    app.append(card('diagnostics', 'Best model diagnostics', parts));
  } else {
    app.append(card('diagnostics', 'Best model diagnostics', h('p', {class: 'muted'},
      'No diagnostics: they are computed from the best trial\u2019s validation predictions while the experiment runs.')));
  }
  document.body.setAttribute('data-ready', '1');
  performance.mark('quarry-ready');
})();
