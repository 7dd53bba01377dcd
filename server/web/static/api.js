// The server's JSON API, with the session's CSRF token on every write.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  constructor(onUnauthorized) {
    this.csrf = '';
    this.me = null;
    this.onUnauthorized = onUnauthorized;
  }

  static query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let payload = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('application/json')) payload = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401 && this.onUnauthorized && !path.endsWith('/login')) this.onUnauthorized();
      throw new ApiError(response.status, payload && payload.error,
        payload && (payload.detail || payload.message));
    }
    return payload;
  }

  get(path, params) { return this.request('GET', path + Api.query(params)); }
  post(path, body = {}) { return this.request('POST', path, body); }
  patch(path, body = {}) { return this.request('PATCH', path, body); }

  async login(email, password) {
    const answer = await this.post('/api/v1/login', { email, password });
    this.csrf = answer.csrf_token || '';
    return this.restore();
  }

  // The session after a reload: who we are and the CSRF token.
  async restore() {
    const me = await this.get('/api/v1/me');
    this.csrf = me.csrf_token || this.csrf;
    this.me = me;
    return me;
  }

  async changePassword(currentPassword, newPassword) {
    await this.post('/api/v1/me/password', { current_password: currentPassword, new_password: newPassword });
    return this.restore();
  }

  mustChangePassword() { return !!this.me && this.me.must_change_password === true; }

  async logout() {
    try { await this.post('/api/v1/logout'); } finally { this.me = null; this.csrf = ''; }
  }

  canAct() { return !!this.me && (this.me.role === 'technician' || this.me.role === 'admin'); }
}
