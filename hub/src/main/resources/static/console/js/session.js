// The signed-in user: the pasted bearer token, kept for this browser tab only (sessionStorage), and what its
// claims say. The console decodes the JWT only to label the page and hide what the roles cannot use; the hub
// verifies the signature and enforces the roles on every call.
const KEY = 'hiehub.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(raw) {
  const text = raw.trim().replace(/^Bearer\s+/i, '');
  const claims = decode(text);
  if (claims.exp && claims.exp * 1000 < Date.now()) {
    throw new Error('This token has expired; mint a new one.');
  }
  sessionStorage.setItem(KEY, text);
  return user();
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** {name, roles, org, expires} of the current token, or null when signed out (or the token has expired). */
export function user() {
  const text = token();
  if (!text) return null;
  try {
    const claims = decode(text);
    if (claims.exp && claims.exp * 1000 < Date.now()) {
      signOut();
      return null;
    }
    return {
      name: claims.preferred_username || claims.sub || 'unknown',
      roles: rolesOf(claims),
      org: claims.org || null,
      expires: claims.exp ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    signOut();
    return null;
  }
}

export function hasAny(u, roles) {
  return !!u && roles.some(r => u.roles.includes(r));
}

function decode(jwt) {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw new Error('That is not a JWT (expected three dot-separated parts).');
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - base64.length % 4) % 4);
  let json;
  try {
    const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The token payload could not be read.');
  }
  return json;
}

// The local issuer writes "roles"; external providers often nest them (Keycloak: realm_access.roles).
function rolesOf(claims) {
  const found = claims.roles || (claims.realm_access && claims.realm_access.roles) || claims.groups || [];
  return (Array.isArray(found) ? found : String(found).split(/[\s,]+/)).map(r => String(r).toLowerCase());
}
