// Charts: the park's age pyramid per site and alerts opened per week.

import { h, clear } from './dom.js';
import { t, getLang } from './i18n.js';
import { barChart, horizontalBars } from './charts.js';
import { hashFor } from './route.js';
import { siteSelect } from './view-overview.js';

function pyramid(site) {
  const rows = (site.buckets || []).slice().sort((a, b) => b.age - a.age)
    .map((b) => ({ label: b.age >= 10 ? '10+' : String(b.age), value: Number(b.count) || 0 }));
  return h('figure', { class: 'card' }, h('figcaption', {}, t('age_pyramid', { site: site.name })),
    horizontalBars(t('age_pyramid', { site: site.name }), rows),
    site.unknown ? h('p', { class: 'muted' }, t('age_unknown', { n: site.unknown })) : null);
}

export async function renderCharts(ctx) {
  const site = ctx.params.get('site') || '';
  const [ages, weekly, sites] = await Promise.all([
    ctx.api.get('/api/v1/stats/age-pyramid', { site }).catch((e) => ({ error: e })),
    ctx.api.get('/api/v1/stats/alerts-weekly', { site, weeks: 12 }).catch((e) => ({ error: e })),
    ctx.api.get('/api/v1/sites').catch(() => ({ sites: [] })),
  ]);
  if (!ctx.current()) return;
  clear(ctx.main);
  ctx.main.append(h('div', { class: 'page-head' }, h('h1', {}, t('charts_title')),
    h('div', { class: 'field inline' }, h('label', { for: 'charts-site' }, t('site')),
      siteSelect('charts-site', sites.sites || [], site, (value) => ctx.go(hashFor('charts', [], { site: value }))))));
  const weeks = h('section', { class: 'card', id: 'alerts-weekly' }, h('h2', {}, t('alerts_weekly')));
  if (weekly.error) {
    weeks.append(h('p', { class: 'muted' }, t('not_available')));
  } else {
    const locale = getLang() === 'en' ? 'en-GB' : 'fr-FR';
    weeks.append(barChart(t('alerts_weekly'), (weekly.weeks || []).map((w) => ({
      label: t('week_of', { date: w.week_start }),
      short: new Date(`${w.week_start}T00:00:00Z`).toLocaleDateString(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }),
      value: Number(w.opened) || 0,
    })), { width: 640 }));
  }
  ctx.main.append(weeks);
  const pyramids = h('div', { class: 'grid', id: 'age-pyramids' });
  if (ages.error) pyramids.append(h('p', { class: 'muted' }, t('not_available')));
  for (const s of ages.sites || []) pyramids.append(pyramid(s));
  ctx.main.append(pyramids);
}
