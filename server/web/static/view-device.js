// One device: what it is, its components, current health, alerts, interventions,
// history of changes, lifecycle status and trend charts.

import { h, clear, facts, table, formatDate, formatBytes, badge } from './dom.js';
import { t, label, statuses, getLang } from './i18n.js';
import { lineChart } from './charts.js';
import { hashFor } from './route.js';

const trendTitles = {
  battery_health_pct: ['battery_health', '%'],
  disk_reallocated_sectors: ['reallocated', ''],
  nvme_percentage_used: ['nvme_wear', '%'],
  lamp_hours: ['lamp_hours', ' h'],
  temperature_max_c: ['temperature', '°C'],
};

function list(items, render) {
  return items && items.length ? h('ul', { class: 'plain' }, items.map((item) => h('li', {}, render(item)))) : t('none');
}

function components(inventory) {
  if (!inventory) return h('p', {}, t('none'));
  const sys = inventory.system || {};
  const os = inventory.os || {};
  const mem = inventory.memory || {};
  return facts([
    [t('system'), [sys.manufacturer, sys.family, sys.model].filter(Boolean).join(' ')],
    [t('bios'), sys.bios ? `${sys.bios.vendor || ''} ${sys.bios.version || ''} (${sys.bios.date || '?'})` : null],
    [t('os'), os.name],
    [t('cpu'), list(inventory.cpus, (c) => `${c.model} — ${c.cores} × ${c.threads / (c.cores || 1)}`)],
    [t('memory'), mem.total_bytes ? `${formatBytes(mem.total_bytes)}${(mem.modules || []).length
      ? ` (${mem.modules.length} module(s))` : ''}` : null],
    [t('disks'), list(inventory.disks, (d) => `${d.name} : ${d.model || ''} ${formatBytes(d.size_bytes)}`)],
    [t('displays'), list(inventory.displays, (d) => `${d.manufacturer || ''} ${d.model || ''} ${d.year ? `(${d.year})` : ''}`)],
    [t('network'), list(inventory.network, (n) => `${n.name || ''} ${n.mac || ''}`)],
    [t('batteries'), list(inventory.batteries, (b) => `${b.name || ''} ${b.model || ''}`)],
    [t('usb'), list(inventory.usb, (u) => `${u.vendor || u.manufacturer || ''} ${u.product || ''} ${u.class ? `(${u.class})` : ''}`)],
    [t('software'), t('packages', { n: (inventory.software || []).length })],
  ]);
}

function health(state, collectedAt) {
  if (!state) return h('p', {}, t('none'));
  const rows = [];
  for (const disk of state.disks || []) {
    const s = disk.smart || {};
    rows.push([t('disks'), disk.name,
      s.passed === false ? badge('critical', t('smart_failed')) : badge('ok', t('smart_passed')),
      [s.reallocated !== undefined ? `${t('reallocated')} : ${s.reallocated}` : null,
        s.pending !== undefined ? `${t('pending')} : ${s.pending}` : null,
        s.percentage_used !== undefined ? `${t('nvme_wear')} : ${s.percentage_used} %` : null,
        s.temperature_c !== undefined ? `${t('temperature')} : ${s.temperature_c} °C` : null,
        s.power_on_hours !== undefined ? `${t('power_on_hours')} : ${s.power_on_hours}` : null].filter(Boolean).join(' · ')]);
  }
  for (const battery of state.batteries || []) {
    rows.push([t('batteries'), battery.name || '', '', battery.health_pct !== undefined
      ? `${t('battery_health')} : ${battery.health_pct} %` : JSON.stringify(battery).slice(0, 120)]);
  }
  for (const fs of state.filesystems || []) {
    const used = fs.size_bytes ? Math.round(100 * (fs.size_bytes - (fs.available_bytes || 0)) / fs.size_bytes) : null;
    rows.push([t('filesystem_use'), fs.mount || fs.mountpoint || '', '', used === null ? '' : `${used} %`]);
  }
  for (const projector of state.projectors || []) {
    rows.push([label('kind', 'projector'), projector.address || projector.name || '', '',
      (projector.lamps || []).map((l) => `${t('lamp_hours')} : ${l.hours}`).join(' · ')]);
  }
  const temps = (state.temperatures || []).map((x) => x.celsius).filter((x) => typeof x === 'number');
  if (temps.length) rows.push([t('temperature'), 'max', '', `${Math.max(...temps)} °C`]);
  return h('div', {}, h('p', { class: 'muted' }, `${t('collected_at')} ${formatDate(collectedAt, getLang())}`),
    table([t('component'), '', t('state'), ''], rows));
}

function statusForm(ctx, device) {
  const select = h('select', { id: 'device-status' },
    statuses.map((s) => h('option', { value: s, selected: s === device.status }, label('status', s))));
  const form = h('form', { class: 'inline-form', id: 'status-form' },
    h('label', { for: 'device-status' }, t('change_status')), select,
    h('button', { type: 'submit' }, t('save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await ctx.api.patch(`/api/v1/devices/${encodeURIComponent(device.id)}`, { status: select.value });
      ctx.say(t('saved'), 'ok');
    } catch (e) {
      ctx.say(`${t('error')} : ${e.message}`, 'error');
    }
  });
  return form;
}

async function trends(ctx, id) {
  const section = h('section', { class: 'card', id: 'device-trends' }, h('h2', {}, t('trends')));
  try {
    const answer = await ctx.api.get(`/api/v1/devices/${encodeURIComponent(id)}/trends`, { days: 90 });
    const byMetric = new Map();
    for (const series of answer.series || []) {
      if (!byMetric.has(series.metric)) byMetric.set(series.metric, []);
      byMetric.get(series.metric).push({ name: series.key || series.metric, points: series.points || [] });
    }
    if (byMetric.size === 0) section.append(h('p', {}, t('no_trends')));
    for (const [metric, series] of byMetric) {
      const [key, unit] = trendTitles[metric] || [metric, ''];
      section.append(h('figure', {}, h('figcaption', {}, `${t(key)} (${series.map((s) => s.name).join(', ')})`),
        lineChart(t(key), series, { unit })));
    }
  } catch (e) {
    section.append(h('p', { class: 'muted' }, e.status === 404 ? t('not_available') : e.message));
  }
  return section;
}

export async function renderDevice(ctx) {
  const id = ctx.args[0] || '';
  const device = await ctx.api.get(`/api/v1/devices/${encodeURIComponent(id)}`);
  const alerts = await ctx.api.get('/api/v1/alerts', { device: id, limit: 50 }).catch(() => ({ alerts: [] }));
  const details = await Promise.all((alerts.alerts || []).slice(0, 10)
    .map((a) => ctx.api.get(`/api/v1/alerts/${encodeURIComponent(a.id)}`).catch(() => null)));
  const trendSection = await trends(ctx, id);
  if (!ctx.current()) return;
  clear(ctx.main);
  const lang = getLang();
  const title = device.hostname || device.serial || device.id;
  ctx.main.append(h('div', { class: 'page-head' },
    h('h1', {}, `${label('kind', device.kind)} ${title}`),
    device.room ? h('a', { class: 'button', href: hashFor('rooms', [], { site: device.site.id, room: device.room }) },
      t('room_view', { room: device.room })) : null));
  const head = h('section', { class: 'card' }, facts([
    [t('site'), device.site && device.site.name], [t('room'), device.room], [t('kind'), label('kind', device.kind)],
    [t('status'), label('status', device.status)], [t('manufacturer'), device.manufacturer], [t('model'), device.model],
    [t('serial'), device.serial], [t('os'), device.os], [t('built_year'), device.built_year],
    [t('age'), device.age_years !== undefined ? t('years', { n: device.age_years }) : null],
    [t('last_seen'), formatDate(device.last_seen_at, lang)],
  ]));
  if (ctx.api.canAct()) head.append(statusForm(ctx, device));
  ctx.main.append(head);
  ctx.main.append(h('div', { class: 'grid two' },
    h('section', { class: 'card', id: 'device-health' }, h('h2', {}, t('health')), health(device.state, device.state_collected_at)),
    h('section', { class: 'card', id: 'device-components' }, h('h2', {}, t('components')), components(device.inventory))));
  const alertRows = (alerts.alerts || []).map((a) => [badge(a.severity, label('severity', a.severity)),
    a.title || a.rule, a.summary || '', label('state', a.state), formatDate(a.opened_at, lang)]);
  ctx.main.append(h('section', { class: 'card', id: 'device-alerts' }, h('h2', {}, t('alerts')),
    alertRows.length ? table([t('severity'), t('alerts'), '', t('state'), t('opened_at')], alertRows) : h('p', {}, t('none'))));
  const interventions = details.filter(Boolean).flatMap((d) => d.interventions || []);
  ctx.main.append(h('section', { class: 'card', id: 'device-interventions' }, h('h2', {}, t('interventions')),
    interventions.length ? table([t('when'), t('what_done'), t('minutes'), ''],
      interventions.map((i) => [formatDate(i.at, lang), i.what, String(i.minutes), i.by || ''])) : h('p', {}, t('none'))));
  ctx.main.append(trendSection);
  const history = (device.history || []).map((c) => [formatDate(c.at, lang), c.component, c.change, c.before || '', c.after || '']);
  ctx.main.append(h('section', { class: 'card', id: 'device-history' }, h('h2', {}, t('history')),
    history.length ? table([t('when'), t('component'), t('change'), t('before'), t('after')], history) : h('p', {}, t('none'))));
  if ((device.kit || []).length) {
    ctx.main.append(h('section', { class: 'card' }, h('h2', {}, t('kit')),
      table([t('component'), '', ''], device.kit.map((k) => [k.class, k.description, k.present ? '✓' : formatDate(k.removed_at, lang)]))));
  }
}
