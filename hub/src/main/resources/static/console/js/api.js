// The one way the console talks to the hub: same-origin fetch with the bearer token. Refusals and errors come
// back as RFC 9457 problem details, turned into an ApiError whose message a person can act on.
import { token, signOut } from './session.js';

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

function describe(status, problem) {
  const detail = problem && (problem.detail || problem.title);
  if (status === 401) return 'Your session is not valid any more (token missing, expired or not accepted). Sign in again.';
  if (status === 403) return 'Your roles do not allow this.' + (detail ? ' ' + detail : '');
  if (status === 404) return detail || 'Not found.';
  if (status === 0) return 'The hub cannot be reached.';
  return detail ? `${detail} (HTTP ${status})` : `The hub answered HTTP ${status}.`;
}

export async function get(path, params) {
  return call('GET', withQuery(path, params));
}

export async function post(path, body) {
  return call('POST', path, body);
}

/** A GET whose answer is a file (a document a result carries): a Blob with the media type the hub gave it. */
export async function getBlob(path) {
  return (await send('GET', path, {})).blob();
}

/** A POST of a file as it is (an HL7 v2 batch), with extra request headers; answers the JSON reply. */
export async function postFile(path, file, contentType, extraHeaders) {
  return call('POST', path, file, { 'Content-Type': contentType, ...extraHeaders });
}

export function withQuery(path, params) {
  if (!params) return path;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function call(method, path, body, raw) {
  const headers = { Accept: 'application/json', ...raw };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  const response = await send(method, path, headers, body === undefined || raw ? body : JSON.stringify(body));
  return parsed(await response.text());
}

/** JSON, or null for an empty or non-JSON answer (one HL7 message is answered with its ACK as text). */
function parsed(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The one fetch: the user's token, and any refusal turned into an ApiError (a 401 also signs the user out). */
async function send(method, path, headers, body) {
  const t = token();
  const sent = t ? { ...headers, Authorization: `Bearer ${t}` } : headers;
  let response;
  try {
    response = await fetch(path, { method, headers: sent, body });
  } catch {
    throw new ApiError(0, null, path);
  }
  if (!response.ok) {
    const problem = parsed(await response.text());
    if (response.status === 401) {
      signOut();
      window.dispatchEvent(new Event('hub:signed-out'));
    }
    throw new ApiError(response.status, problem, path);
  }
  return response;
}
