import { handleChat } from './chat';
import { endpointsBody, providersBody } from './endpoints';
import { errorBody } from './errors';
import type { Exchange } from './exchange';
import type { FaultCounters } from './fault-counters';
import { FAULT_HEADER, parseFaults } from './faults';
import { generationBody, generationsOf } from './generation';
import { type KeyStore, keyInfo } from './keys';
import { findModel, listModels } from './models';
import type { OAuthServer } from './oauth';
import { applyPreResponseFaults } from './preflight';
import { type Account, routeChat } from './routing';
import type { ChatOptionsRecord, PdfParseCounts } from './types';

// Maps method + path to a handler. Checks run route, method, key, then faults, so an injected fault never
// hides a missing-key error.

export const API_PREFIX = '/api/v1';

export interface EmulatorState {
  keys: KeyStore;
  counters: FaultCounters;
  oauth: OAuthServer;
  account: Account;
  pdfParses: PdfParseCounts;
}

type ApiRoute =
  | 'chat'
  | 'models'
  | 'models-user'
  | 'model-endpoints'
  | 'providers'
  | 'key'
  | 'generation'
  | 'auth-keys';

const API_ROUTES: Record<string, { route: ApiRoute; method: string; auth: boolean }> = {
  '/chat/completions': { route: 'chat', method: 'POST', auth: true },
  '/models': { route: 'models', method: 'GET', auth: true },
  '/models/user': { route: 'models-user', method: 'GET', auth: true },
  '/providers': { route: 'providers', method: 'GET', auth: true },
  '/key': { route: 'key', method: 'GET', auth: true },
  '/generation': { route: 'generation', method: 'GET', auth: true },
  // The code exchange is how an app gets its first key, so it cannot require one.
  '/auth/keys': { route: 'auth-keys', method: 'POST', auth: false },
};

export async function route(ex: Exchange, url: URL, state: EmulatorState): Promise<void> {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const method = ex.req.method ?? 'GET';
  if (path === '/auth') {
    if (method !== 'GET') return methodNotAllowed(ex);
    return authorizePage(ex, url, state.oauth);
  }
  const apiPath = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : null;
  const endpointsOfModel = apiPath === null ? null : MODEL_ENDPOINTS_PATH.exec(apiPath);
  const entry = endpointsOfModel
    ? ({ route: 'model-endpoints', method: 'GET', auth: true } as const)
    : apiPath !== null
      ? API_ROUTES[apiPath]
      : undefined;
  if (!entry) return ex.sendJson(404, errorBody(404, 'Not Found'));
  if (entry.method !== method) return methodNotAllowed(ex);

  const auth = entry.auth ? state.keys.authenticate(ex.record.headers.authorization) : null;
  if (auth !== null && !auth.ok) return ex.sendJson(401, errorBody(401, auth.message));

  let model: string | undefined;
  let provider: string | null = null;
  if (entry.route === 'chat') {
    ex.record.chatOptions = chatOptionsOf(ex.record.body);
    const routing = routeChat(ex.record.body, state.account);
    if (!routing.ok) return ex.sendJson(routing.status, routing.body);
    model = routing.model;
    provider = routing.provider;
  }
  const faults = parseFaults(ex.record.headers[FAULT_HEADER], model);
  if (!faults.ok) return ex.sendJson(400, errorBody(400, faults.message, { error_type: 'bad_request' }));
  if (entry.route === 'chat') {
    return handleChat(
      ex,
      faults.plan,
      state.counters,
      generationsOf(state),
      { model, provider },
      state.pdfParses,
    );
  }

  // Other endpoints honour the faults that make sense without a reply body (errors, resets, stalls, delays).
  const plan = state.counters.effectivePlan(faults.plan);
  if (await applyPreResponseFaults(ex, plan, 'the requested model')) return;
  switch (entry.route) {
    case 'models': {
      const models = listModels(url.searchParams.get('output_modalities'));
      return ex.sendJson(200, { data: models, total_count: models.length });
    }
    case 'models-user': {
      if (auth?.ok && auth.key.mayListAccountModels === false) {
        return ex.sendJson(403, errorBody(403, 'This API key is not allowed to list the account’s models.'));
      }
      const models = listModels(url.searchParams.get('output_modalities')).filter(
        (m) => !state.account.privacyExcluded.has(m.id),
      );
      return ex.sendJson(200, { data: models, total_count: models.length });
    }
    case 'model-endpoints': {
      const [, author = '', slug = ''] = endpointsOfModel ?? [];
      const found = findModel(`${safeDecode(author)}/${safeDecode(slug)}`);
      return found === undefined
        ? ex.sendJson(404, errorBody(404, 'Model not found'))
        : ex.sendJson(200, endpointsBody(found));
    }
    case 'providers':
      return ex.sendJson(200, providersBody());
    case 'generation': {
      const record = generationsOf(state).get(url.searchParams.get('id') ?? '');
      return record === undefined
        ? ex.sendJson(404, errorBody(404, 'Generation not found'))
        : ex.sendJson(200, generationBody(record));
    }
    case 'key':
      // `auth` is always ok here (the route requires a key); the check only narrows the type.
      return auth?.ok
        ? ex.sendJson(200, keyInfo(auth.key))
        : ex.sendJson(500, errorBody(500, 'Internal Server Error'));
    case 'auth-keys': {
      const result = state.oauth.exchange(ex.record.body);
      if (!result.ok) return ex.sendJson(result.status, result.body);
      state.keys.add({ key: result.key, label: 'OAuth key' });
      return ex.sendJson(200, { key: result.key, user_id: result.userId });
    }
  }
}

/** `/models/{author}/{slug}/endpoints`, each segment percent-encoded as clients send it. */
const MODEL_ENDPOINTS_PATH = /^\/models\/([^/]+)\/([^/]+)\/endpoints$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const CHAT_OPTION_FIELDS = ['reasoning', 'provider', 'models', 'session_id', 'tools'] as const;

/** The issue-15 fields of a chat body, each present only when the request had it. */
function chatOptionsOf(body: unknown): ChatOptionsRecord {
  const record: ChatOptionsRecord = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return record;
  for (const name of CHAT_OPTION_FIELDS) {
    if (Object.hasOwn(body, name)) record[name] = (body as Record<string, unknown>)[name];
  }
  return record;
}

function methodNotAllowed(ex: Exchange): Promise<void> {
  return ex.sendJson(405, errorBody(405, 'Method Not Allowed'));
}

function authorizePage(ex: Exchange, url: URL, oauth: OAuthServer): Promise<void> {
  const result = oauth.authorize(url.searchParams);
  if (!result.ok) {
    return ex.sendHtml(400, `<!doctype html><title>Bad request</title><p>${escapeHtml(result.message)}</p>`);
  }
  const link = escapeHtml(result.location);
  return ex.sendHtml(302, `<!doctype html><title>Redirecting</title><a href="${link}">${link}</a>`, {
    location: result.location,
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
