import { type Endpoint, endpointsOf } from './endpoints';
import { errorBody } from './errors';
import { FAULT_MODEL_PREFIX, hasFailure, parseFaults } from './faults';
import { findModel, type Model } from './models';

// Which model and provider serve a chat request: presets (`@preset/<slug>`), fallbacks (`models: [...]`),
// the account's privacy settings and the request's `provider{…}` preferences, with OpenRouter's checks on
// `provider`, `reasoning`, `models` and `session_id`. The 400 wordings here are the emulator's own (no real
// body was found for them); the 404s follow the real bodies in main/services/openrouter/fixtures/real/errors.

export interface Account {
  /** Models the account's privacy settings exclude: left out of /models/user, 404 on chat. */
  privacyExcluded: ReadonlySet<string>;
  /** `@preset/<slug>` → model id. */
  presets: ReadonlyMap<string, string>;
}

export type Routing =
  | { ok: true; model: string | undefined; provider: string | null }
  | { ok: false; status: number; body: unknown };

const PRESET_PREFIX = '@preset/';
const SORTS = ['price', 'throughput', 'latency'];
const QUANTIZATIONS = ['int4', 'int8', 'fp4', 'fp6', 'fp8', 'fp16', 'bf16', 'fp32', 'unknown'];
const EFFORTS = ['max', 'xhigh', 'high', 'medium', 'low', 'minimal', 'none'];
const MAX_SESSION_ID = 256;

const bad = (message: string): Routing => ({
  ok: false,
  status: 400,
  body: errorBody(400, message, { error_type: 'bad_request' }),
});

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Null when the request may go on; a 400 otherwise. Only fields that are present are checked, so a
 * request without them is treated exactly as before.
 */
function checkFields(body: Record<string, unknown>): Routing | null {
  if (body.session_id !== undefined) {
    if (typeof body.session_id !== 'string' || body.session_id.length > MAX_SESSION_ID) {
      return bad(`Invalid session_id: expected a string of at most ${MAX_SESSION_ID} characters`);
    }
  }
  if (body.models !== undefined) {
    if (!Array.isArray(body.models) || body.models.some((m) => typeof m !== 'string')) {
      return bad('Invalid models: expected an array of model IDs');
    }
  }
  if (body.reasoning !== undefined) {
    const r = body.reasoning;
    if (!isObject(r)) return bad('Invalid reasoning: expected an object');
    if (r.effort !== undefined && r.max_tokens !== undefined) {
      return bad('Only one of "reasoning.effort" and "reasoning.max_tokens" may be specified');
    }
    if (r.effort !== undefined && !EFFORTS.includes(String(r.effort))) {
      return bad(`Invalid reasoning.effort: expected one of ${EFFORTS.join(', ')}`);
    }
    if (r.max_tokens !== undefined && !(Number.isInteger(r.max_tokens) && (r.max_tokens as number) > 0)) {
      return bad('Invalid reasoning.max_tokens: expected a positive integer');
    }
    if (r.enabled !== undefined && typeof r.enabled !== 'boolean') {
      return bad('Invalid reasoning.enabled: expected a boolean');
    }
  }
  if (body.provider !== undefined) return checkProvider(body.provider);
  return null;
}

function checkProvider(p: unknown): Routing | null {
  if (!isObject(p)) return bad('Invalid provider: expected an object');
  for (const name of ['order', 'only', 'ignore']) {
    const list = p[name];
    if (list !== undefined && (!Array.isArray(list) || list.some((s) => typeof s !== 'string'))) {
      return bad(`Invalid provider.${name}: expected an array of provider slugs`);
    }
  }
  for (const name of ['allow_fallbacks', 'require_parameters', 'zdr']) {
    if (p[name] !== undefined && typeof p[name] !== 'boolean')
      return bad(`Invalid provider.${name}: expected a boolean`);
  }
  if (p.sort !== undefined) {
    const by = isObject(p.sort) ? p.sort.by : p.sort;
    if (!SORTS.includes(String(by)))
      return bad('Invalid provider.sort: expected "price", "throughput" or "latency"');
  }
  if (p.data_collection !== undefined && p.data_collection !== 'allow' && p.data_collection !== 'deny') {
    return bad('Invalid provider.data_collection: expected "allow" or "deny"');
  }
  if (p.quantizations !== undefined) {
    const q = p.quantizations;
    if (!Array.isArray(q) || q.some((v) => !QUANTIZATIONS.includes(String(v)))) {
      return bad(`Invalid provider.quantizations: expected values from ${QUANTIZATIONS.join(', ')}`);
    }
  }
  if (p.max_price !== undefined) {
    if (!isObject(p.max_price)) return bad('Invalid provider.max_price: expected an object');
    for (const [name, value] of Object.entries(p.max_price)) {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
        return bad(`Invalid provider.max_price.${name}: expected a non-negative number`);
      }
    }
  }
  return null;
}

type Candidate =
  | { ok: true; model: Model }
  | { ok: false; routing: Routing }
  | { ok: true; model: null; id: string };

function resolve(id: string, account: Account): Candidate {
  if (id.startsWith(PRESET_PREFIX)) {
    const target = account.presets.get(id.slice(PRESET_PREFIX.length));
    if (target === undefined) {
      return {
        ok: false,
        routing: { ok: false, status: 404, body: errorBody(404, `Preset "${id}" not found`) },
      };
    }
    const model = target.startsWith(FAULT_MODEL_PREFIX) ? undefined : findModel(target);
    return model ? { ok: true, model } : { ok: true, model: null, id: target };
  }
  // Fault models are listed in /models but have no providers: they answer by their fault modes.
  const model = id.startsWith(FAULT_MODEL_PREFIX) ? undefined : findModel(id);
  return model ? { ok: true, model } : { ok: true, model: null, id };
}

function matches(e: Endpoint, slugs: readonly unknown[]): boolean {
  return slugs.some(
    (s) => typeof s === 'string' && (s.toLowerCase() === e.host.slug || s.toLowerCase() === e.tag),
  );
}

/** The model's endpoints that the request's `provider{…}` allows, in the order they are tried. */
export function allowedEndpoints(model: Model, provider: unknown, body: Record<string, unknown>): Endpoint[] {
  let list = endpointsOf(model);
  if (!isObject(provider)) return list;
  const p = provider;
  if (Array.isArray(p.only)) list = list.filter((e) => matches(e, p.only as unknown[]));
  if (Array.isArray(p.ignore)) list = list.filter((e) => !matches(e, p.ignore as unknown[]));
  if (p.data_collection === 'deny') list = list.filter((e) => !e.host.collects);
  if (p.zdr === true) list = list.filter((e) => e.host.zdr);
  if (Array.isArray(p.quantizations))
    list = list.filter((e) => (p.quantizations as unknown[]).includes(e.quantization));
  if (isObject(p.max_price)) {
    const max = p.max_price;
    const perM = (v: number) => v * 1_000_000;
    if (max.prompt !== undefined)
      list = list.filter((e) => perM(e.promptPerToken) <= Number(max.prompt) + 1e-9);
    if (max.completion !== undefined) {
      list = list.filter((e) => perM(e.completionPerToken) <= Number(max.completion) + 1e-9);
    }
  }
  if (p.require_parameters === true) {
    const used = ['reasoning', 'temperature', 'max_tokens', 'top_p', 'seed'].filter(
      (name) => body[name] !== undefined,
    );
    list = list.filter(() => used.every((name) => model.supported_parameters.includes(name)));
  }
  const sortBy = isObject(p.sort) ? p.sort.by : p.sort;
  if (sortBy === 'price')
    list = [...list].sort(
      (a, b) => a.promptPerToken + a.completionPerToken - (b.promptPerToken + b.completionPerToken),
    );
  else if (sortBy === 'throughput' || sortBy === 'latency')
    list = [...list].sort((a, b) => b.uptimeLast30m - a.uptimeLast30m);
  if (Array.isArray(p.order)) {
    const order = (p.order as unknown[])
      .filter((s): s is string => typeof s === 'string')
      .map((s) => s.toLowerCase());
    const rank = (e: Endpoint) => {
      const i = order.findIndex((s) => s === e.host.slug || s === e.tag);
      return i < 0 ? order.length : i;
    };
    const ordered = list.filter((e) => rank(e) < order.length).sort((a, b) => rank(a) - rank(b));
    const rest = p.allow_fallbacks === false ? [] : list.filter((e) => rank(e) === order.length);
    list = [...ordered, ...rest];
  } else if (p.allow_fallbacks === false) {
    list = list.slice(0, 1);
  }
  return list;
}

function noProviders(model: Model, provider: unknown): Routing {
  const requested = isObject(provider) ? ([provider.only, provider.order].find(Array.isArray) ?? []) : [];
  return {
    ok: false,
    status: 404,
    body: errorBody(404, 'No allowed providers are available for the selected model.', {
      available_providers: endpointsOf(model).map((e) => e.host.slug),
      requested_providers: requested,
    }),
  };
}

const PRIVACY_MESSAGE =
  'No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy';

/**
 * Picks the model and provider that serve `body`, trying `model` and then each of `models` in order:
 * a fault model whose faults fail, a model the account's privacy settings exclude, or one no allowed
 * provider serves is passed over while another candidate remains (the last one's error is returned).
 * Bodies this cannot read (no object, no string model, an unknown id) pass through for
 * parseChatRequest to reject as before.
 */
export function routeChat(body: unknown, account: Account): Routing {
  if (!isObject(body) || (body.model !== undefined && typeof body.model !== 'string')) {
    return { ok: true, model: undefined, provider: null };
  }
  const checked = checkFields(body);
  if (checked !== null) return checked;
  const primary = typeof body.model === 'string' ? body.model : undefined;
  const fallbacks = Array.isArray(body.models) ? (body.models as string[]) : [];
  const ids = [...(primary !== undefined ? [primary] : []), ...fallbacks].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  if (ids.length === 0) return { ok: true, model: undefined, provider: null };
  for (const id of fallbacks) {
    const r = resolve(id, account);
    if (r.ok && r.model === null && !r.id.startsWith(FAULT_MODEL_PREFIX))
      return bad(`${id} is not a valid model ID`);
  }
  let last: Routing = { ok: true, model: primary, provider: null };
  for (const [index, id] of ids.entries()) {
    const more = index < ids.length - 1;
    const resolved = resolve(id, account);
    if (!resolved.ok) {
      last = resolved.routing;
      if (more) continue;
      return last;
    }
    if (resolved.model === null) {
      if (resolved.id.startsWith(FAULT_MODEL_PREFIX)) {
        const faults = parseFaults(undefined, resolved.id);
        if (more && faults.ok && hasFailure(faults.plan)) continue;
      }
      // Unknown ids (and fault models) go on to parseChatRequest, which answers as before.
      return { ok: true, model: resolved.id, provider: null };
    }
    const model = resolved.model;
    if (account.privacyExcluded.has(model.id)) {
      last = { ok: false, status: 404, body: errorBody(404, PRIVACY_MESSAGE) };
      if (more) continue;
      return last;
    }
    const reasoning = body.reasoning;
    if (
      isObject(reasoning) &&
      (reasoning.enabled === false || reasoning.effort === 'none') &&
      model.reasoning?.mandatory === true
    ) {
      return bad('Reasoning is mandatory for this endpoint and cannot be disabled.');
    }
    const endpoints = allowedEndpoints(model, body.provider, body);
    const first = endpoints[0];
    if (first === undefined) {
      last = noProviders(model, body.provider);
      if (more) continue;
      return last;
    }
    // Without provider preferences the reply keeps naming the model's maker, as it always has.
    return { ok: true, model: model.id, provider: body.provider !== undefined ? first.host.name : null };
  }
  return last;
}
