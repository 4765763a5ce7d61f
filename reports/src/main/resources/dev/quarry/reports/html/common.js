'use strict';
// Shared by the report and the index. Every string from the data goes into the page as text
// (textContent, setAttribute on plain attributes, SVG <title>), never as markup.
const DATA = JSON.parse(document.getElementById('quarry-data').textContent);
const SVGNS = 'http://www.w3.org/2000/svg';
const STATUS_COLOR = {COMPLETED: '#2b8a3e', PRUNED: '#d08b00', FAILED: '#c92a2a', RUNNING: '#1c7ed6'};
const PALETTE = ['#3157d5', '#e8590c', '#2b8a3e', '#ae3ec9', '#1098ad', '#c92a2a', '#f59f00', '#5c940d', '#d6336c',
  '#495057'];

function add(parent, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  return add(e, children);
}
function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  return add(e, children);
}
function tip(text) { return s('title', {}, text); }
function fmt(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return v.toFixed(digits === undefined ? 4 : digits);
}
function secs(v) {
  if (v === null || v === undefined) return '';
  if (v < 60) return v.toFixed(1) + ' s';
  if (v < 3600) return Math.floor(v / 60) + ' min ' + Math.round(v % 60) + ' s';
  return Math.floor(v / 3600) + ' h ' + Math.round((v % 3600) / 60) + ' min';
}
function bytes(v) {
  if (v === null || v === undefined) return '';
  const u = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
  return v.toFixed(i === 0 ? 0 : 1) + ' ' + u[i];
}
function statusBadge(st) { return h('span', {class: 'status ' + String(st).replace(/[^A-Z_]/g, '')}, st); }
function card(id, title, ...children) { return h('section', {class: 'card', id: id}, h('h2', {}, title), ...children); }
function kpi(k, v, n, share) {
  return h('div', {class: 'kpi'}, h('div', {class: 'k'}, k), h('div', {class: 'v'}, v), n ? h('div', {class: 'n'}, n) : null,
    share === undefined || share === null ? null
      : h('div', {class: 'bar'}, h('div', {style: 'width:' + Math.max(0, Math.min(100, share * 100)).toFixed(1) + '%'})));
}

/** Nice tick values covering [lo, hi]. */
function ticks(lo, hi, n) {
  if (!(hi > lo)) return [lo];
  const step0 = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 5, 10].map(m => m * mag).find(st => st >= step0);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}
function extent(values, pad) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { if (v === null || !Number.isFinite(v)) continue; if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) { const d = lo === 0 ? 1 : Math.abs(lo) * 0.05; return [lo - d, hi + d]; }
  const d = (hi - lo) * (pad === undefined ? 0.04 : pad);
  return [lo - d, hi + d];
}

/**
 * An SVG plot with axes. opts: {w, h, x: [lo, hi], y: [lo, hi], xLabel, yLabel, xLog, yBands (category names)}.
 * Returns {svg, sx, sy, plot}: scales map data to pixels; plot is the group to draw marks in.
 */
function axes(opts) {
  const w = opts.w || 460, ht = opts.h || 260;
  const m = {l: opts.left || 56, r: 14, t: 10, b: 40};
  const svg = s('svg', {viewBox: '0 0 ' + w + ' ' + ht, role: 'img'});
  const pw = w - m.l - m.r, ph = ht - m.t - m.b;
  const [x0, x1] = opts.xLog ? opts.x.map(Math.log10) : opts.x;
  const sx = v => m.l + ((opts.xLog ? Math.log10(v) : v) - x0) / (x1 - x0 || 1) * pw;
  let sy;
  const g = s('g', {class: 'axis'});
  svg.append(g);
  if (opts.yBands) {
    const band = ph / opts.yBands.length;
    sy = i => m.t + band * (i + 0.5);
    opts.yBands.forEach((name, i) => {
      const label = name.length > 24 ? name.slice(0, 23) + '\u2026' : name;
      g.append(s('text', {x: m.l - 6, y: sy(i) + 4, 'text-anchor': 'end'}, label, tip(name)));
      g.append(s('line', {class: 'gridline', x1: m.l, x2: m.l + pw, y1: sy(i), y2: sy(i)}));
    });
  } else {
    const [y0, y1] = opts.y;
    sy = v => m.t + ph - (v - y0) / (y1 - y0 || 1) * ph;
    for (const t of ticks(y0, y1, 5)) {
      g.append(s('line', {class: 'gridline', x1: m.l, x2: m.l + pw, y1: sy(t), y2: sy(t)}));
      g.append(s('text', {x: m.l - 6, y: sy(t) + 4, 'text-anchor': 'end'}, fmt(t, 3)));
    }
  }
  const xt = opts.xLog ? ticks(Math.floor(x0), Math.ceil(x1), Math.max(1, Math.min(6, Math.ceil(x1) - Math.floor(x0))))
      .filter(t => Number.isInteger(t)).map(t => Math.pow(10, t)).filter(t => t >= opts.x[0] && t <= opts.x[1])
    : ticks(opts.x[0], opts.x[1], 6);
  for (const t of xt) {
    g.append(s('line', {x1: sx(t), x2: sx(t), y1: m.t + ph, y2: m.t + ph + 4}));
    g.append(s('text', {x: sx(t), y: m.t + ph + 16, 'text-anchor': 'middle'}, fmt(t, 3)));
  }
  g.append(s('path', {d: 'M' + m.l + ',' + m.t + 'V' + (m.t + ph) + 'H' + (m.l + pw), fill: 'none'}));
  if (opts.xLabel) g.append(s('text', {x: m.l + pw / 2, y: ht - 6, 'text-anchor': 'middle'}, opts.xLabel));
  if (opts.yLabel && !opts.yBands) {
    g.append(s('text', {x: 12, y: m.t + ph / 2, transform: 'rotate(-90 12 ' + (m.t + ph / 2) + ')', 'text-anchor': 'middle'},
      opts.yLabel));
  }
  const plot = s('g', {});
  svg.append(plot);
  return {svg, sx, sy, plot};
}
function polyline(points, attrs) {
  return s('polyline', Object.assign({fill: 'none', 'stroke-width': 2,
    points: points.map(p => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' ')}, attrs));
}
function chartBox(title, svg, note, legend) {
  return h('div', {class: 'chart'}, h('h3', {}, title), svg, legend || null, note ? h('div', {class: 'note'}, note) : null);
}
function legend(entries) {
  return h('div', {class: 'legend'}, entries.map(([name, color]) => h('span', {}, h('i', {style: 'background:' + color}), name)));
}
/** Deterministic jitter in [-0.5, 0.5) from an integer, so pages render the same every time. */
function jitter(i) { const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453; return x - Math.floor(x) - 0.5; }
/** An ISO-8601 instant as "2026-12-01 20:34:44 UTC"; other text unchanged. */
function when(iso) {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso || '');
  return m ? m[1] + ' ' + m[2] + ' UTC' : (iso || '');
}
/** Above this many marks a chart draws them as one path per colour (fast), without per-mark tooltips. */
const DENSE = 400;
/**
 * Dots at pixel positions. pts: [{x, y, color, title}]. Few dots are circles with tooltips; many are
 * drawn as one path per colour of zero-length round-capped segments, so thousands stay cheap to draw.
 */
function dots(plot, pts, r, opacity) {
  if (pts.length <= DENSE) {
    for (const p of pts) {
      plot.append(s('circle', {cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r, fill: p.color, opacity: opacity},
        p.title ? tip(p.title) : null));
    }
    return;
  }
  const byColor = new Map();
  for (const p of pts) {
    if (!byColor.has(p.color)) byColor.set(p.color, []);
    byColor.get(p.color).push('M' + p.x.toFixed(1) + ' ' + p.y.toFixed(1) + 'h0');
  }
  for (const [color, d] of byColor) {
    plot.append(s('path', {d: d.join(''), stroke: color, 'stroke-width': 2 * r, 'stroke-linecap': 'round', fill: 'none',
      opacity: opacity}));
  }
}
/** Horizontal bars: [{x, y, w, h, color, title}], merged into one path per colour when there are many. */
function bars(plot, rects, opacity) {
  if (rects.length <= DENSE) {
    for (const b of rects) {
      plot.append(s('rect', {x: b.x.toFixed(1), y: b.y.toFixed(1), width: b.w.toFixed(1), height: b.h, fill: b.color,
        opacity: opacity}, b.title ? tip(b.title) : null));
    }
    return;
  }
  const byColor = new Map();
  for (const b of rects) {
    if (!byColor.has(b.color)) byColor.set(b.color, []);
    byColor.get(b.color).push('M' + b.x.toFixed(1) + ' ' + b.y.toFixed(1) + 'h' + b.w.toFixed(1) + 'v' + b.h + 'h'
      + (-b.w).toFixed(1) + 'z');
  }
  for (const [color, d] of byColor) plot.append(s('path', {d: d.join(''), fill: color, opacity: opacity}));
}
