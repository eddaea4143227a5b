import { handleChat } from './chat';
import { requestedModel } from './chat-request';
import { errorBody } from './errors';
import type { Exchange } from './exchange';
import type { FaultCounters } from './fault-counters';
import { FAULT_HEADER, parseFaults } from './faults';
import { generationBody, generationsOf } from './generation';
import { type KeyStore, keyInfo } from './keys';
import { listModels } from './models';
import type { OAuthServer } from './oauth';
import { applyPreResponseFaults } from './preflight';

// Maps method + path to a handler. Checks run route, method, key, then faults, so an injected fault never
// hides a missing-key error.

export const API_PREFIX = '/api/v1';

export interface EmulatorState {
  keys: KeyStore;
  counters: FaultCounters;
  oauth: OAuthServer;
}

type ApiRoute = 'chat' | 'models' | 'key' | 'generation' | 'auth-keys';

const API_ROUTES: Record<string, { route: ApiRoute; method: string; auth: boolean }> = {
  '/chat/completions': { route: 'chat', method: 'POST', auth: true },
  '/models': { route: 'models', method: 'GET', auth: true },
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
  const entry = path.startsWith(`${API_PREFIX}/`) ? API_ROUTES[path.slice(API_PREFIX.length)] : undefined;
  if (!entry) return ex.sendJson(404, errorBody(404, 'Not Found'));
  if (entry.method !== method) return methodNotAllowed(ex);

  const auth = entry.auth ? state.keys.authenticate(ex.record.headers.authorization) : null;
  if (auth !== null && !auth.ok) return ex.sendJson(401, errorBody(401, auth.message));

  const model = entry.route === 'chat' ? requestedModel(ex.record.body) : undefined;
  const faults = parseFaults(ex.record.headers[FAULT_HEADER], model);
  if (!faults.ok) return ex.sendJson(400, errorBody(400, faults.message, { error_type: 'bad_request' }));
  if (entry.route === 'chat') return handleChat(ex, faults.plan, state.counters, generationsOf(state));

  // Other endpoints honour the faults that make sense without a reply body (errors, resets, stalls, delays).
  const plan = state.counters.effectivePlan(faults.plan);
  if (await applyPreResponseFaults(ex, plan, 'the requested model')) return;
  switch (entry.route) {
    case 'models': {
      const models = listModels(url.searchParams.get('output_modalities'));
      return ex.sendJson(200, { data: models, total_count: models.length });
    }
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
