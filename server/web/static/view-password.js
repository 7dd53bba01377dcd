// The change-password page: shown after a login with a one-time password
// (must_change_password), before anything else of the dashboard.

import { h, clear } from './dom.js';
import { t, hasKey, getLang } from './i18n.js';

const kMinLength = 12;

// The message for an error code of POST /api/v1/me/password.
function errorText(code) {
  const key = `password_error_${code}`;
  return code && hasKey(getLang(), key) ? t(key) : t('password_error');
}

function passwordInput(id, autocomplete) {
  return h('input', { id, name: id, type: 'password', autocomplete, required: true });
}

export function renderPasswordChange(ctx) {
  clear(ctx.main);
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true, id: 'password-error' });
  const current = passwordInput('password-current', 'current-password');
  const next = passwordInput('password-new', 'new-password');
  const confirm = passwordInput('password-confirm', 'new-password');
  next.setAttribute('minlength', String(kMinLength));
  next.setAttribute('aria-describedby', 'password-rules');
  const field = (input, key) => h('div', { class: 'field' }, h('label', { for: input.id }, t(key)), input);
  const form = h('form', { class: 'card login', id: 'password-form' },
    h('h1', {}, t('password_title')),
    h('p', {}, t('password_intro')),
    field(current, 'password_current'),
    field(next, 'password_new'),
    h('p', { class: 'muted', id: 'password-rules' }, t('password_rules', { min: kMinLength })),
    field(confirm, 'password_confirm'),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('password_submit')));
  const fail = (code, input) => {
    error.textContent = errorText(code);
    error.hidden = false;
    input.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (next.value !== confirm.value) { fail('mismatch', confirm); return; }
    try {
      await ctx.api.changePassword(current.value, next.value);
      await ctx.loggedIn();
      ctx.say(t('password_changed'), 'ok');
    } catch (e) {
      current.value = '';
      fail(e && e.code, e && e.code === 'invalid_current_password' ? current : next);
    }
  });
  ctx.main.append(form);
  current.focus();
}
