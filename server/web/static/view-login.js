// The login page.

import { h, clear } from './dom.js';
import { t } from './i18n.js';

export function renderLogin(ctx) {
  clear(ctx.main);
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const email = h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', {}, t('login_title')),
    h('div', { class: 'field' }, h('label', { for: 'login-email' }, t('email')), email),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('password')), password),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('login')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      await ctx.api.login(email.value.trim(), password.value);
      const next = ctx.params.get('next');
      ctx.go(next && next.startsWith('#/') ? next : '#/overview');
      ctx.loggedIn();
    } catch (e) {
      error.textContent = e.status === 429 ? t('login_limited') : t('login_failed');
      error.hidden = false;
      password.value = '';
      password.focus();
    }
  });
  ctx.main.append(form);
  email.focus();
}
