// The workspace index: every experiment side by side, sortable.
(function () {
  const app = document.getElementById('app');
  document.getElementById('subtitle').textContent = DATA.workspace + ' \u00b7 ' + DATA.experiments.length
    + ' experiments \u00b7 generated ' + when(DATA.generated);
  app.textContent = '';
  const rows = DATA.experiments.map((e, i) => Object.assign({index: i}, e));
  const cols = [
    {key: 'name', label: 'Experiment', show: e => e.report && /^[\w.\/-]+$/.test(e.report)
      ? h('a', {href: e.report}, e.name) : e.name, sub: e => e.experiment},
    {key: 'status', label: 'Status', show: e => statusBadge(e.status)},
    {key: 'task', label: 'Task', show: e => e.task},
    {key: 'dataset', label: 'Dataset', show: e => (e.dataset || '').split(/[\\/]/).pop()},
    {key: 'metric', label: 'Metric', show: e => e.metric},
    {key: 'bestScore', label: 'Best score', num: true, show: e => fmt(e.bestScore)},
    {key: 'bestLearner', label: 'Best learner', show: e => e.bestLearner || ''},
    {key: 'trials', label: 'Child runs', num: true, show: e => e.trials},
    {key: 'seconds', label: 'Time', num: true, show: e => secs(e.seconds)},
    {key: 'created', label: 'Started', show: e => when(e.created)},
    {key: 'stopReason', label: 'Stop reason', show: e => e.stopReason || ''},
  ];
  const state = {key: 'created', dir: -1};
  const tbody = h('tbody', {});
  const heads = cols.map(c => h('th', {class: 'sortable' + (c.num ? ' num' : ''), 'data-key': c.key,
    onclick: () => { state.dir = state.key === c.key ? -state.dir : 1; state.key = c.key; refresh(); }}, c.label));
  function refresh() {
    rows.sort((a, b) => {
      const va = a[state.key], vb = b[state.key];
      if (va === null || va === undefined) return vb === null || vb === undefined ? a.index - b.index : 1;
      if (vb === null || vb === undefined) return -1;
      const c = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb));
      return c !== 0 ? c * state.dir : a.index - b.index;
    });
    heads.forEach((th, i) => th.setAttribute('aria-sort', cols[i].key === state.key ? (state.dir > 0 ? 'ascending' : 'descending') : 'none'));
    tbody.replaceChildren(...rows.map(e => h('tr', {}, cols.map(c => h('td', {class: c.num ? 'num' : ''}, c.show(e),
      c.sub ? h('div', {class: 'note'}, c.sub(e)) : null)))));
  }
  app.append(card('experiments', 'Experiments', h('div', {class: 'board-wrap'}, h('table', {id: 'leaderboard'},
    h('thead', {}, h('tr', {}, heads)), tbody)), h('p', {class: 'note'}, 'Scores compare only between experiments with the same '
    + 'dataset and metric. Click a name to open its report; click a header to sort.')));
  refresh();
  document.body.setAttribute('data-ready', '1');
})();
