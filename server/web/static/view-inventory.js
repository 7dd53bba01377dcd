// The inventory table: search, filters, sort by column, server-side pagination
// (cursor) and exports of exactly the current filters. Filters, sort and page
// live in the address hash.

import { h, clear, formatDate } from './dom.js';
import { t, label, kinds, statuses, getLang } from './i18n.js';
import { hashFor } from './route.js';

export const filterKeys = ['q', 'site', 'room', 'kind', 'status', 'manufacturer', 'model', 'os', 'age_min', 'age_max'];

const columns = [
  { key: 'hostname', sort: 'hostname' },
  { key: 'site', sort: 'site' },
  { key: 'room', sort: 'room' },
  { key: 'kind', sort: 'kind' },
  { key: 'status', sort: 'status' },
  { key: 'manufacturer', sort: 'manufacturer' },
  { key: 'model', sort: 'model' },
  { key: 'os', sort: 'os' },
  { key: 'age', sort: 'age' },
  { key: 'last_seen', sort: 'last_seen_at' },
  { key: 'alerts', sort: null },
];

// The filters (and sort) of the current view, as query parameters.
export function currentFilters(params) {
  const out = {};
  for (const key of [...filterKeys, 'sort']) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

export function exportHref(filters, format, extra = {}) {
  const search = new URLSearchParams({ ...filters, format, ...extra });
  return `/api/v1/exports/inventory?${search.toString()}`;
}

function selectField(id, text, options, selected) {
  return h('div', { class: 'field' }, h('label', { for: id }, text),
    h('select', { id, name: id.replace('f-', '') },
      h('option', { value: '' }, t('any')),
      options.map(([value, shown]) => h('option', { value, selected: value === selected }, shown))));
}

function textField(id, text, value, list, attrs = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, text),
    h('input', { id, name: id.replace('f-', ''), value: value || '', list: list ? `${id}-list` : null, ...attrs }),
    list ? h('datalist', { id: `${id}-list` }, list.map((v) => h('option', { value: v }))) : null);
}

function filterForm(ctx, filters, sites, facets) {
  const form = h('form', { class: 'card filters', id: 'inventory-filters', role: 'search' },
    h('h2', { class: 'visually-hidden' }, t('filters')),
    textField('f-q', t('search'), filters.q, null, { type: 'search', placeholder: t('search_hint') }),
    selectField('f-site', t('site'), sites.map((s) => [s.id, s.name]), filters.site),
    textField('f-room', t('room'), filters.room, facets.rooms || []),
    selectField('f-kind', t('kind'), kinds.map((k) => [k, label('kind', k)]), filters.kind),
    selectField('f-status', t('status'), statuses.map((s) => [s, label('status', s)]), filters.status),
    textField('f-manufacturer', t('manufacturer'), filters.manufacturer, facets.manufacturers || []),
    textField('f-model', t('model'), filters.model, facets.models || []),
    textField('f-os', t('os'), filters.os, facets.os || []),
    textField('f-age_min', t('age_min'), filters.age_min, null, { type: 'number', min: 0, max: 100 }),
    textField('f-age_max', t('age_max'), filters.age_max, null, { type: 'number', min: 0, max: 100 }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('a', { href: hashFor('inventory'), class: 'button' }, t('reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = {};
    for (const key of filterKeys) {
      const value = form.elements[key].value.trim();
      if (value) next[key] = value;
    }
    if (filters.sort) next.sort = filters.sort;
    ctx.go(hashFor('inventory', [], next));
  });
  return form;
}

function headerCell(ctx, column, filters) {
  const text = t(column.key);
  if (!column.sort) return h('th', { scope: 'col' }, text);
  const sort = filters.sort || 'hostname';
  const active = sort === column.sort || sort === `-${column.sort}`;
  const descending = sort.startsWith('-');
  const next = active && !descending ? `-${column.sort}` : column.sort;
  const button = h('button', { type: 'button', class: 'sort', 'aria-label': t('sort_by', { column: text }),
    onclick: () => ctx.go(hashFor('inventory', [], { ...filters, sort: next, cursor: '' })) },
  text, active ? (descending ? ' ▼' : ' ▲') : '');
  return h('th', { scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : null }, button);
}

function row(device) {
  const lang = getLang();
  return h('tr', {},
    h('td', {}, h('a', { href: hashFor('device', [device.id]) }, device.hostname || device.serial || device.id)),
    h('td', {}, device.site ? device.site.name : '—'),
    h('td', {}, device.room
      ? h('a', { href: hashFor('rooms', [], { site: device.site && device.site.id, room: device.room }) }, device.room)
      : '—'),
    h('td', {}, label('kind', device.kind)),
    h('td', {}, h('span', { class: `status status-${device.status || 'unknown'}` }, label('status', device.status))),
    h('td', {}, device.manufacturer || '—'),
    h('td', {}, device.model || '—'),
    h('td', {}, device.os || '—'),
    h('td', { class: 'num' }, device.age_years === undefined || device.age_years === null ? '—' : String(device.age_years)),
    h('td', {}, formatDate(device.last_seen_at, lang)),
    h('td', { class: 'num' }, device.open_alerts ? String(device.open_alerts) : '0'));
}

export async function renderInventory(ctx) {
  const filters = currentFilters(ctx.params);
  const cursor = ctx.params.get('cursor') || '';
  const [page, sites, facets] = await Promise.all([
    ctx.api.get('/api/v1/devices', { ...filters, cursor, limit: 50 }),
    ctx.api.get('/api/v1/sites').catch(() => ({ sites: [] })),
    ctx.api.get('/api/v1/devices/facets', { site: filters.site }).catch(() => ({})),
  ]);
  if (!ctx.current()) return;
  clear(ctx.main);
  const devices = page.devices || [];
  const total = typeof page.total === 'number' ? page.total : null;
  ctx.main.append(h('div', { class: 'page-head' }, h('h1', {}, t('inventory_title')),
    h('p', { class: 'count', id: 'inventory-total' }, t('results', { count: total ?? devices.length }))));
  ctx.main.append(filterForm(ctx, filters, sites.sites || [], facets));
  ctx.main.append(h('div', { class: 'exports', role: 'group', 'aria-label': t('export') },
    h('span', {}, `${t('export')} :`),
    h('a', { class: 'button', id: 'export-csv', href: exportHref(filters, 'csv'), download: '' }, t('export_csv')),
    h('a', { class: 'button', id: 'export-csv-fr', href: exportHref(filters, 'csv', { separator: ';', bom: '1' }),
      download: '' }, t('export_csv_fr')),
    h('a', { class: 'button', id: 'export-xlsx', href: exportHref(filters, 'xlsx'), download: '' }, t('export_xlsx')),
    h('a', { class: 'button', id: 'export-json', href: exportHref(filters, 'json'), download: '' }, t('export_json'))));
  ctx.main.append(h('div', { class: 'table-wrap' },
    h('table', { id: 'inventory-table' },
      h('caption', { class: 'visually-hidden' }, t('inventory_title')),
      h('thead', {}, h('tr', {}, columns.map((c) => headerCell(ctx, c, filters)))),
      h('tbody', {}, devices.map(row)))));
  const pager = h('div', { class: 'pager' });
  if (cursor) pager.append(h('a', { class: 'button', href: hashFor('inventory', [], filters) }, t('page_first')));
  if (page.next_cursor) {
    pager.append(h('a', { class: 'button', id: 'next-page',
      href: hashFor('inventory', [], { ...filters, cursor: page.next_cursor }) }, t('page_next')));
  }
  ctx.main.append(pager);
}
