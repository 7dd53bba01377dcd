// A form to add a device without an agent (board, projector, document camera…).

import { h, clear } from './dom.js';
import { t, label, kinds, statuses } from './i18n.js';
import { hashFor } from './route.js';

function field(id, text, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), control);
}

export async function renderAddDevice(ctx) {
  const sites = await ctx.api.get('/api/v1/sites').catch(() => ({ sites: [] }));
  if (!ctx.current()) return;
  clear(ctx.main);
  const control = {
    site: h('select', { id: 'add-site', required: true }, h('option', { value: '' }, t('choose')),
      (sites.sites || []).map((s) => h('option', { value: s.id }, s.name))),
    kind: h('select', { id: 'add-kind', required: true }, h('option', { value: '' }, t('choose')),
      kinds.map((k) => h('option', { value: k }, label('kind', k)))),
    status: h('select', { id: 'add-status' }, statuses.map((s) => h('option', { value: s }, label('status', s)))),
    room: h('input', { id: 'add-room' }),
    manufacturer: h('input', { id: 'add-manufacturer' }),
    model: h('input', { id: 'add-model' }),
    serial: h('input', { id: 'add-serial' }),
    hostname: h('input', { id: 'add-hostname' }),
    built_year: h('input', { id: 'add-built_year', type: 'number', min: 1980, max: 2100 }),
  };
  const form = h('form', { class: 'card form-grid', id: 'add-device-form' },
    field('add-site', `${t('site')} ${t('required')}`, control.site),
    field('add-kind', `${t('kind')} ${t('required')}`, control.kind),
    field('add-status', t('status'), control.status),
    field('add-room', t('room'), control.room),
    field('add-manufacturer', t('manufacturer'), control.manufacturer),
    field('add-model', t('model'), control.model),
    field('add-serial', t('serial'), control.serial),
    field('add-hostname', t('hostname'), control.hostname),
    field('add-built_year', t('built_year'), control.built_year),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('save'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [key, el] of Object.entries(control)) {
      const value = el.value.trim();
      if (value) body[key] = key === 'built_year' ? Number(value) : value;
    }
    try {
      const created = await ctx.api.post('/api/v1/devices', body);
      ctx.say(t('created'), 'ok');
      ctx.go(hashFor('device', [created.id]));
    } catch (e) {
      ctx.say(`${t('error')} : ${e.message}`, 'error');
    }
  });
  ctx.main.append(h('h1', {}, t('add_title')), form);
}
