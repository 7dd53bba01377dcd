// Devices suggested for retirement, by age and faults.

import { h, clear, table } from './dom.js';
import { t, label } from './i18n.js';
import { hashFor } from './route.js';

export async function renderRetire(ctx) {
  const minAge = ctx.params.get('min_age') || '';
  const site = ctx.params.get('site') || '';
  const answer = await ctx.api.get('/api/v1/devices/retire-suggestions', { site, min_age: minAge });
  if (!ctx.current()) return;
  clear(ctx.main);
  const input = h('input', { id: 'retire-min-age', type: 'number', min: 0, max: 50, value: answer.min_age ?? minAge });
  const form = h('form', { class: 'inline-form' }, h('label', { for: 'retire-min-age' }, t('min_age')), input,
    h('button', { type: 'submit' }, t('apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go(hashFor('retire', [], { site, min_age: input.value }));
  });
  ctx.main.append(h('div', { class: 'page-head' }, h('h1', {}, t('retire_title'))), form);
  const rows = (answer.devices || []).map((d) => {
    const mark = ctx.api.canAct() ? h('button', { type: 'button', onclick: async (event) => {
      try {
        await ctx.api.patch(`/api/v1/devices/${encodeURIComponent(d.id)}`, { status: 'to_retire' });
        event.target.disabled = true;
        ctx.say(t('saved'), 'ok');
      } catch (e) { ctx.say(`${t('error')} : ${e.message}`, 'error'); }
    } }, t('mark_to_retire')) : '';
    return [h('a', { href: hashFor('device', [d.id]) }, d.hostname || d.serial || d.id), d.site ? d.site.name : '',
      label('kind', d.kind), [d.manufacturer, d.model].filter(Boolean).join(' '),
      d.age_years === undefined ? '—' : String(d.age_years), String(d.faults_180d ?? 0),
      (d.reasons || []).map((r) => t(`reason_${r}`)).join(', '), mark];
  });
  ctx.main.append(h('section', { class: 'card' }, rows.length
    ? table([t('hostname'), t('site'), t('kind'), t('model'), t('age'), t('faults_180d'), t('reasons'), ''], rows)
    : h('p', {}, t('none'))));
}
