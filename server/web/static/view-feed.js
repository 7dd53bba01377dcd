// The live alert feed: open alerts, then new ones as the server streams them
// (Server-Sent Events). A technician acknowledges, resolves, notes and logs an
// intervention from here without reloading.

import { h, clear, formatDate, badge } from './dom.js';
import { t, label, getLang } from './i18n.js';
import { hashFor } from './route.js';

const kEventTypes = ['opened', 'updated', 'acknowledged', 'resolved', 'note', 'intervention'];

function smallForm(id, fields, submitText, onSubmit) {
  const inputs = fields.map((f) => h('input', { id: `${id}-${f.name}`, name: f.name, type: f.type || 'text',
    required: f.required || null, min: f.min, max: f.max }));
  const form = h('form', { class: 'inline-form', id, hidden: true },
    fields.map((f, i) => [h('label', { for: inputs[i].id }, f.label), inputs[i]]),
    h('button', { type: 'submit', class: 'primary' }, submitText),
    h('button', { type: 'button', onclick: () => { form.hidden = true; } }, t('cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value]));
    if (await onSubmit(values)) { form.reset(); form.hidden = true; }
  });
  return { form, focus: () => inputs[0].focus() };
}

class AlertCard {
  constructor(ctx, alert) {
    this.ctx = ctx;
    this.alert = alert;
    this.el = h('article', { class: 'alert-card', id: `alert-${alert.id}`, dataset: { alertId: alert.id } });
    this.draw();
  }

  async act(path, body, done) {
    try {
      await this.ctx.api.post(path, body);
      this.ctx.say(done, 'ok');
      return true;
    } catch (e) {
      this.ctx.say(`${t('error')} : ${e.message}`, 'error');
      return false;
    }
  }

  update(alert) {
    this.alert = { ...this.alert, ...alert };
    this.draw();
  }

  draw() {
    const a = this.alert;
    const base = `/api/v1/alerts/${encodeURIComponent(a.id)}`;
    clear(this.el);
    this.el.className = `alert-card sev-${a.severity} state-${a.state}`;
    const device = a.device || {};
    this.el.append(h('header', {},
      badge(a.severity, label('severity', a.severity)), ' ',
      h('h2', {}, a.title || a.rule), ' ',
      h('span', { class: 'state' }, label('state', a.state))));
    this.el.append(h('p', {}, a.summary || ''));
    this.el.append(h('p', { class: 'muted' },
      device.id ? h('a', { href: hashFor('device', [device.id]) }, device.name || device.id) : '',
      a.site ? ` · ${a.site.name || ''}` : '', device.room ? ` · ${device.room}` : '',
      ` · ${t('opened_at')} ${formatDate(a.opened_at, getLang())}`,
      a.acknowledged_by ? ` · ${t('acknowledged_by', { who: a.acknowledged_by })}` : ''));
    if (!this.ctx.api.canAct() || a.state === 'resolved') return;
    const note = smallForm(`note-${a.id}`, [{ name: 'text', label: t('note'), required: true }], t('send'),
      (v) => this.act(`${base}/notes`, { text: v.text }, t('action_done')));
    const resolve = smallForm(`resolve-${a.id}`, [{ name: 'note', label: t('resolution_note') }], t('resolve'),
      (v) => this.act(`${base}/resolve`, { note: v.note }, t('action_done')));
    const intervention = smallForm(`intervention-${a.id}`, [
      { name: 'what', label: t('what_done'), required: true },
      { name: 'minutes', label: t('minutes'), type: 'number', min: 0, max: 10000, required: true }],
    t('send'), (v) => this.act('/api/v1/interventions',
      { alert_id: a.id, what: v.what, minutes: Number(v.minutes) }, t('intervention_logged')));
    const reveal = (part) => () => { part.form.hidden = false; part.focus(); };
    this.el.append(h('div', { class: 'actions' },
      a.state === 'open' ? h('button', { type: 'button', class: 'primary', dataset: { action: 'acknowledge' },
        onclick: () => this.act(`${base}/acknowledge`, {}, t('action_done')) }, t('acknowledge')) : null,
      h('button', { type: 'button', dataset: { action: 'resolve' }, onclick: reveal(resolve) }, t('resolve')),
      h('button', { type: 'button', dataset: { action: 'note' }, onclick: reveal(note) }, t('add_note')),
      h('button', { type: 'button', dataset: { action: 'intervention' }, onclick: reveal(intervention) },
        t('log_intervention'))),
    resolve.form, note.form, intervention.form);
  }
}

export async function renderFeed(ctx) {
  const [open, acknowledged] = await Promise.all([
    ctx.api.get('/api/v1/alerts', { state: 'open', limit: 200 }),
    ctx.api.get('/api/v1/alerts', { state: 'acknowledged', limit: 200 }),
  ]);
  if (!ctx.current()) return;
  clear(ctx.main);
  const connection = h('p', { class: 'connection', id: 'feed-connection' }, t('loading'));
  const list = h('div', { class: 'alert-list', id: 'alert-list', 'aria-live': 'polite' });
  const empty = h('p', { id: 'feed-empty' }, t('no_alerts'));
  ctx.main.append(h('div', { class: 'page-head' }, h('h1', {}, t('feed_title')), connection));
  if (!ctx.api.canAct()) ctx.main.append(h('p', { class: 'muted' }, t('role_viewer')));
  ctx.main.append(empty, list);
  const cards = new Map();
  const show = (alert, atTop) => {
    const card = new AlertCard(ctx, alert);
    cards.set(alert.id, card);
    if (atTop) list.prepend(card.el); else list.append(card.el);
    empty.hidden = true;
  };
  for (const alert of [...(open.alerts || []), ...(acknowledged.alerts || [])]) show(alert, false);
  empty.hidden = cards.size > 0;

  const source = new EventSource('/api/v1/feed');
  source.addEventListener('open', () => { connection.textContent = t('feed_connected'); connection.className = 'connection ok'; });
  source.addEventListener('error', () => { connection.textContent = t('feed_disconnected'); connection.className = 'connection lost'; });
  const onEvent = (event) => {
    let alert;
    try { alert = JSON.parse(event.data); } catch (e) { return; }
    if (!alert || typeof alert !== 'object' || !alert.id) return;
    const known = cards.get(alert.id);
    if (known) {
      known.update(alert);
    } else if (alert.state !== 'resolved') {
      show(alert, true);
      if (event.type === 'opened') ctx.say(t('new_alert', { title: alert.title || alert.rule }), 'info');
    }
  };
  for (const type of kEventTypes) source.addEventListener(type, onEvent);
  ctx.onLeave(() => source.close());
}
