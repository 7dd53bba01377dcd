// The dashboard's entry point: session, navigation and the hash router
// ("#/inventory?site=…" — the hash holds a view and its filters, so a link
// reproduces what someone saw).

import { Api } from './api.js';
import { h, clear } from './dom.js';
import { t, getLang, setLang } from './i18n.js';
import { parseHash, hashFor } from './route.js';
import { renderLogin } from './view-login.js';
import { renderPasswordChange } from './view-password.js';
import { renderOverview } from './view-overview.js';
import { renderInventory } from './view-inventory.js';
import { renderDevice } from './view-device.js';
import { renderFeed } from './view-feed.js';
import { renderRooms } from './view-rooms.js';
import { renderCharts } from './view-charts.js';
import { renderRetire } from './view-retire.js';
import { renderAddDevice } from './view-add-device.js';

const routes = {
  overview: renderOverview,
  inventory: renderInventory,
  device: renderDevice,
  feed: renderFeed,
  rooms: renderRooms,
  charts: renderCharts,
  retire: renderRetire,
  add: renderAddDevice,
};
const navItems = ['overview', 'inventory', 'feed', 'rooms', 'charts', 'retire', 'add'];

class App {
  constructor() {
    this.api = new Api(() => this.showLogin());
    this.main = document.getElementById('main');
    this.nav = document.getElementById('nav');
    this.session = document.getElementById('session');
    this.status = document.getElementById('status');
    this.cleanup = null;
    this.generation = 0;
  }

  async start() {
    setLang(getLang());
    window.addEventListener('hashchange', () => this.route());
    try {
      await this.api.restore();
    } catch (e) {
      this.api.me = null;
    }
    this.route();
  }

  say(message, kind = 'info') {
    clear(this.status);
    if (message) this.status.append(h('p', { class: `notice notice-${kind}` }, message));
  }

  drawChrome(current) {
    document.documentElement.lang = getLang();
    document.getElementById('skip-link').textContent = t('skip');
    this.nav.setAttribute('aria-label', t('nav_label'));
    clear(this.nav);
    clear(this.session);
    const other = getLang() === 'fr' ? 'en' : 'fr';
    const langButton = h('button', { type: 'button', class: 'link-button', lang: other, id: 'lang-switch',
      'aria-label': t('lang_switch_label'),
      onclick: () => { setLang(other); this.route(); } }, t('lang_switch'));
    if (this.api.me && !this.api.mustChangePassword()) {
      const list = h('ul', {});
      for (const item of navItems) {
        if (item === 'add' && !this.api.canAct()) continue;
        const link = h('a', { href: hashFor(item), 'aria-current': item === current ? 'page' : null },
          t(`nav_${item}`));
        list.append(h('li', {}, link));
      }
      this.nav.append(list);
    }
    if (this.api.me) {
      const who = this.api.me.user ? this.api.me.user.email : '';
      this.session.append(h('span', { class: 'who' }, who), langButton,
        h('button', { type: 'button', class: 'link-button', onclick: () => this.logout() }, t('logout')));
    } else {
      this.session.append(langButton);
    }
  }

  async logout() {
    await this.api.logout().catch(() => {});
    this.showLogin();
  }

  showLogin() {
    this.api.me = null;
    if (!window.location.hash.startsWith('#/login')) {
      const next = window.location.hash && !window.location.hash.startsWith('#/login') ? window.location.hash : '';
      window.location.hash = next ? `#/login?next=${encodeURIComponent(next)}` : '#/login';
    } else {
      this.route();
    }
  }

  async route() {
    const generation = ++this.generation;
    if (this.cleanup) { this.cleanup(); this.cleanup = null; }
    const { name, args, params } = parseHash(window.location.hash);
    this.say('');
    if (!this.api.me || name === 'login') {
      if (this.api.me && name === 'login') { window.location.hash = params.get('next') || '#/overview'; return; }
      this.drawChrome('login');
      clear(this.main);
      renderLogin(this.context(args, params, generation));
      return;
    }
    if (this.api.mustChangePassword()) {
      this.drawChrome('password');
      renderPasswordChange(this.context(args, params, generation));
      return;
    }
    const render = routes[name] || renderOverview;
    this.drawChrome(name);
    clear(this.main);
    this.main.append(h('p', { class: 'loading' }, t('loading')));
    try {
      await render(this.context(args, params, generation));
    } catch (e) {
      if (generation !== this.generation) return;
      clear(this.main);
      this.main.append(h('h1', {}, t('error')), h('p', { class: 'notice notice-error' },
        e && e.status === 404 ? t('not_found') : t('error_load', { message: e && e.message ? e.message : String(e) })));
    }
  }

  context(args, params, generation) {
    return {
      api: this.api,
      main: this.main,
      args,
      params,
      say: (message, kind) => this.say(message, kind),
      current: () => generation === this.generation,
      onLeave: (fn) => { this.cleanup = fn; },
      go: (hash) => { window.location.hash = hash; },
      loggedIn: () => this.route(),
    };
  }
}

new App().start();
