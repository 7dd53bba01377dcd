// The hash of the address: a view, its arguments and its filters.

export function parseHash(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : text.slice(question + 1));
  const [name, ...rest] = path.split('/');
  return { name: name || 'overview', args: rest.map((part) => decodeURIComponent(part)), params };
}

export function hashFor(name, args = [], params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const tail = search.toString();
  return `#/${[name, ...args.map((a) => encodeURIComponent(a))].join('/')}${tail ? `?${tail}` : ''}`;
}
