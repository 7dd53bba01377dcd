// Small SVG charts drawn in the page: bars, horizontal bars (age pyramids) and
// lines over time. Text goes in as text nodes; nothing is parsed.

const kNs = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(kNs, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

function frame(width, height, title) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart',
    'aria-label': title, preserveAspectRatio: 'xMidYMid meet' });
  root.append(svg('title', {}, title));
  return root;
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

// bars: [{label, value, cls}] → vertical bars with their value on top.
export function barChart(title, bars, { width = 520, height = 220 } = {}) {
  const root = frame(width, height, title);
  const left = 36, bottom = 40, top = 16;
  const plotHeight = height - bottom - top;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = (width - left - 8) / Math.max(1, bars.length);
  root.append(svg('line', { x1: left, y1: top + plotHeight, x2: width - 4, y2: top + plotHeight, class: 'axis' }));
  for (const tick of [0, max / 2, max]) {
    const y = top + plotHeight - (tick / max) * plotHeight;
    root.append(svg('text', { x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, Math.round(tick)));
  }
  bars.forEach((bar, i) => {
    const barHeight = (bar.value / max) * plotHeight;
    const x = left + i * slot + slot * 0.15;
    const group = svg('g', { class: `bar ${bar.cls || ''}` });
    group.append(svg('title', {}, `${bar.label} : ${bar.value}`));
    group.append(svg('rect', { x, y: top + plotHeight - barHeight, width: slot * 0.7, height: Math.max(barHeight, 0) }));
    group.append(svg('text', { x: x + slot * 0.35, y: top + plotHeight - barHeight - 3, class: 'value',
      'text-anchor': 'middle' }, bar.value));
    group.append(svg('text', { x: x + slot * 0.35, y: height - bottom + 14, class: 'tick', 'text-anchor': 'middle' },
      bar.short || bar.label));
    root.append(group);
  });
  return root;
}

// rows: [{label, value}] top to bottom → horizontal bars (an age pyramid, oldest on top).
export function horizontalBars(title, rows, { width = 420, rowHeight = 20 } = {}) {
  const left = 64, right = 40;
  const height = rows.length * rowHeight + 12;
  const root = frame(width, height, title);
  const max = Math.max(1, ...rows.map((r) => r.value));
  rows.forEach((row, i) => {
    const y = 6 + i * rowHeight;
    const barWidth = (row.value / max) * (width - left - right);
    const group = svg('g', { class: 'bar' });
    group.append(svg('title', {}, `${row.label} : ${row.value}`));
    group.append(svg('text', { x: left - 6, y: y + rowHeight * 0.7, class: 'tick', 'text-anchor': 'end' }, row.label));
    group.append(svg('rect', { x: left, y: y + 2, width: Math.max(barWidth, 0), height: rowHeight - 4 }));
    group.append(svg('text', { x: left + barWidth + 4, y: y + rowHeight * 0.7, class: 'value' }, row.value));
    root.append(group);
  });
  return root;
}

// series: [{name, points: [[iso time, value], …]}] → lines over time.
export function lineChart(title, series, { width = 520, height = 200, unit = '' } = {}) {
  const root = frame(width, height, title);
  const left = 44, bottom = 28, top = 12, right = 12;
  const points = series.flatMap((s) => s.points.map(([at, v]) => [Date.parse(at), Number(v)]))
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (points.length === 0) return root;
  const minX = Math.min(...points.map((p) => p[0]));
  const maxX = Math.max(...points.map((p) => p[0]));
  const minY = Math.min(0, ...points.map((p) => p[1]));
  const maxY = niceMax(Math.max(...points.map((p) => p[1])));
  const sx = (x) => left + (maxX === minX ? 0.5 : (x - minX) / (maxX - minX)) * (width - left - right);
  const sy = (y) => top + (1 - (y - minY) / (maxY - minY || 1)) * (height - top - bottom);
  root.append(svg('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis' }));
  root.append(svg('line', { x1: left, y1: top, x2: left, y2: height - bottom, class: 'axis' }));
  for (const tick of [minY, (minY + maxY) / 2, maxY]) {
    root.append(svg('text', { x: left - 4, y: sy(tick) + 4, class: 'tick', 'text-anchor': 'end' },
      `${Math.round(tick * 10) / 10}${unit}`));
  }
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  root.append(svg('text', { x: left, y: height - 8, class: 'tick' }, day(minX)));
  root.append(svg('text', { x: width - right, y: height - 8, class: 'tick', 'text-anchor': 'end' }, day(maxX)));
  series.forEach((s, index) => {
    const coords = s.points.map(([at, v]) => [Date.parse(at), Number(v)])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
    const group = svg('g', { class: `series series-${index % 4}` });
    group.append(svg('title', {}, s.name));
    group.append(svg('polyline', { points: coords.join(' '), fill: 'none' }));
    for (const c of coords) {
      const [x, y] = c.split(',');
      group.append(svg('circle', { cx: x, cy: y, r: 2.5 }));
    }
    root.append(group);
  });
  return root;
}
