// Overview of the collectivity or one site: devices by kind and status, open
// alerts by severity, silent devices, and one line per site.

import { h, clear, table } from './dom.js';
import { t, label, kinds, statuses, severities } from './i18n.js';
import { barChart } from './charts.js';
import { hashFor } from './route.js';

function counts(map, order, group, cls) {
  const keys = [...order.filter((k) => map && k in map), ...Object.keys(map || {}).filter((k) => !order.includes(k))];
  return keys.map((key) => ({ label: label(group, key), value: Number(map[key]) || 0, cls: cls ? `${cls}-${key}` : '' }));
}

export function siteSelect(id, sites, selected, onChange) {
  const select = h('select', { id },
    h('option', { value: '' }, t('all_sites')),
    sites.map((site) => h('option', { value: site.id, selected: site.id === selected }, site.name)));
  select.addEventListener('change', () => onChange(select.value));
  return select;
}

export async function renderOverview(ctx) {
  const site = ctx.params.get('site') || '';
  const [overview, sites] = await Promise.all([
    ctx.api.get('/api/v1/overview', { site }),
    ctx.api.get('/api/v1/sites').catch(() => ({ sites: [] })),
  ]);
  if (!ctx.current()) return;
  clear(ctx.main);
  const bySeverity = overview.open_alerts_by_severity || {};
  const openTotal = severities.reduce((sum, s) => sum + (Number(bySeverity[s]) || 0), 0);
  ctx.main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, t('overview_title')),
      h('div', { class: 'field inline' }, h('label', { for: 'overview-site' }, t('site')),
        siteSelect('overview-site', sites.sites || [], site, (value) => ctx.go(hashFor('overview', [], { site: value }))))),
    h('div', { class: 'tiles' },
      tile(t('devices'), overview.total_devices, hashFor('inventory', [], { site })),
      tile(t('open_alerts'), openTotal, hashFor('feed')),
      tile(t('silent_devices'), overview.silent_devices, null, overview.silent_devices > 0 ? 'warn' : '')),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, t('devices_by_kind')),
        barChart(t('devices_by_kind'), counts(overview.devices_by_kind, kinds, 'kind'))),
      h('section', { class: 'card' }, h('h2', {}, t('devices_by_status')),
        barChart(t('devices_by_status'), counts(overview.devices_by_status, statuses, 'status'))),
      h('section', { class: 'card' }, h('h2', {}, t('open_alerts_by_severity')),
        barChart(t('open_alerts_by_severity'), counts(bySeverity, severities, 'severity', 'sev')))));
  const rows = (overview.sites || []).map((s) => [
    h('a', { href: hashFor('overview', [], { site: s.id }) }, s.name),
    h('a', { href: hashFor('inventory', [], { site: s.id }) }, String(s.devices ?? 0)),
    String(s.open_alerts ?? 0),
    String(s.silent_devices ?? 0),
    h('a', { href: hashFor('rooms', [], { site: s.id }) }, t('nav_rooms')),
  ]);
  ctx.main.append(h('section', { class: 'card' }, h('h2', {}, t('sites')),
    table([t('site'), t('devices'), t('open_alerts'), t('silent_devices'), t('nav_rooms')], rows)));
}

function tile(title, value, href, cls = '') {
  const number = h('span', { class: 'tile-value' }, String(value ?? 0));
  return h('div', { class: `tile ${cls}` }, h('span', { class: 'tile-label' }, title),
    href ? h('a', { href }, number) : number);
}
