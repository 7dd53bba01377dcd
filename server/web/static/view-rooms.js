// Rooms of a site, and the kit of one classroom (PC, projector, whiteboard and
// their state).

import { h, clear, table, badge, formatDate } from './dom.js';
import { t, label, getLang } from './i18n.js';
import { hashFor } from './route.js';
import { siteSelect } from './view-overview.js';

async function roomKit(ctx, site, room) {
  const view = await ctx.api.get('/api/v1/rooms/view', { site, room });
  if (!ctx.current()) return;
  clear(ctx.main);
  const lang = getLang();
  ctx.main.append(h('div', { class: 'page-head' },
    h('h1', {}, `${t('room_view', { room: view.room ?? room })} — ${view.site ? view.site.name : ''}`),
    h('a', { class: 'button', href: hashFor('rooms', [], { site }) }, t('nav_rooms'))));
  const kit = h('div', { class: 'kit', id: 'room-kit' });
  for (const device of view.devices || []) {
    const healthKey = device.health || 'ok';
    kit.append(h('article', { class: `kit-item health-${healthKey}` },
      h('h2', {}, h('a', { href: hashFor('device', [device.id]) }, device.hostname || device.model || device.id)),
      h('p', {}, label('kind', device.kind), ' · ', [device.manufacturer, device.model].filter(Boolean).join(' ')),
      h('p', {}, badge(healthKey, t(`health_${healthKey}`)), ' ', label('status', device.status)),
      h('p', { class: 'muted' }, `${t('last_seen')} : ${formatDate(device.last_seen_at, lang)}`),
      (device.open_alerts || []).length
        ? h('ul', { class: 'plain' }, device.open_alerts.map((a) => h('li', {}, badge(a.severity, label('severity', a.severity)), ' ', a.title || a.rule)))
        : null));
  }
  if (!(view.devices || []).length) kit.append(h('p', {}, t('none')));
  ctx.main.append(kit);
}

export async function renderRooms(ctx) {
  const site = ctx.params.get('site') || '';
  const room = ctx.params.get('room');
  if (site && room !== null) return roomKit(ctx, site, room);
  const sites = await ctx.api.get('/api/v1/sites').catch(() => ({ sites: [] }));
  const rooms = site ? await ctx.api.get('/api/v1/rooms', { site }) : null;
  if (!ctx.current()) return;
  clear(ctx.main);
  ctx.main.append(h('div', { class: 'page-head' }, h('h1', {}, t('rooms_title')),
    h('div', { class: 'field inline' }, h('label', { for: 'rooms-site' }, t('site')),
      siteSelect('rooms-site', sites.sites || [], site, (value) => ctx.go(hashFor('rooms', [], { site: value }))))));
  if (!rooms) {
    ctx.main.append(h('p', {}, t('choose_site')));
    return;
  }
  const rows = (rooms.rooms || []).map((r) => [
    r.room === null ? t('no_room') : h('a', { href: hashFor('rooms', [], { site, room: r.room }) }, r.room),
    String(r.device_count ?? 0), String(r.open_alerts ?? 0),
    h('a', { href: hashFor('inventory', [], { site, room: r.room || '' }) }, t('nav_inventory'))]);
  ctx.main.append(h('section', { class: 'card' }, table([t('room'), t('devices'), t('open_alerts'), ''], rows)));
}
