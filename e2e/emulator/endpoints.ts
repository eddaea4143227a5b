import type { Model } from './models';
import { hashString } from './rng';

// The providers that serve each model: `GET /models/{author}/{slug}/endpoints`, `GET /providers`, and the
// routing of a chat request by its `provider{…}` preferences (docs §2 and §11). Deterministic: the same
// model always has the same hosts, prices and uptimes.

export interface Host {
  slug: string;
  name: string;
  /** The host may keep or train on prompts: `provider.data_collection: "deny"` rules it out. */
  collects: boolean;
  /** Zero data retention: only these remain with `provider.zdr: true`. */
  zdr: boolean;
  /** Price factor against the model's list price. */
  priceFactor: number;
}

export const HOSTS: readonly Host[] = [
  { slug: 'openai', name: 'OpenAI', collects: false, zdr: false, priceFactor: 1 },
  { slug: 'azure', name: 'Azure', collects: false, zdr: true, priceFactor: 1 },
  { slug: 'anthropic', name: 'Anthropic', collects: false, zdr: false, priceFactor: 1 },
  { slug: 'amazon-bedrock', name: 'Amazon Bedrock', collects: false, zdr: true, priceFactor: 1 },
  { slug: 'google-vertex', name: 'Google Vertex', collects: false, zdr: true, priceFactor: 1 },
  { slug: 'google-ai-studio', name: 'Google AI Studio', collects: true, zdr: false, priceFactor: 1 },
  { slug: 'deepinfra', name: 'DeepInfra', collects: false, zdr: true, priceFactor: 0.9 },
  { slug: 'together', name: 'Together', collects: false, zdr: false, priceFactor: 1.2 },
  { slug: 'novita', name: 'Novita', collects: false, zdr: false, priceFactor: 0.95 },
  { slug: 'fireworks', name: 'Fireworks', collects: false, zdr: true, priceFactor: 1.3 },
  { slug: 'chutes', name: 'Chutes', collects: true, zdr: false, priceFactor: 0.5 },
];
const HOST_BY_SLUG = new Map(HOSTS.map((h) => [h.slug, h]));

/** First-party hosting for the closed model families; open-weight models go to inference hosts. */
const CLOSED_HOSTS: Readonly<Record<string, readonly string[]>> = {
  openai: ['openai', 'azure'],
  anthropic: ['anthropic', 'amazon-bedrock', 'google-vertex'],
  google: ['google-vertex', 'google-ai-studio'],
};
const OPEN_HOSTS = ['deepinfra', 'together', 'novita', 'fireworks'] as const;
const QUANTS = ['fp8', 'bf16', 'fp16', 'fp4'] as const;

export interface Endpoint {
  host: Host;
  /** The slug `provider.order/only/ignore` take for this endpoint, e.g. "deepinfra/fp8" or "openai". */
  tag: string;
  quantization: string;
  promptPerToken: number;
  completionPerToken: number;
  uptimeLast30m: number;
  status: number;
}

export function endpointsOf(model: Model): Endpoint[] {
  if (model.id.startsWith('emulator/')) return [];
  const author = model.canonical_slug.split('/')[0] ?? '';
  const hash = hashString(model.id);
  // Free variants are served by a host that keeps prompts, as free endpoints commonly are.
  const slugs = model.id.endsWith(':free')
    ? ['chutes']
    : (CLOSED_HOSTS[author] ?? [OPEN_HOSTS[hash % 4], OPEN_HOSTS[(hash + 1 + (hash % 3)) % 4]]).filter(
        (s, i, all): s is string => s !== undefined && all.indexOf(s) === i,
      );
  const closed = CLOSED_HOSTS[author] !== undefined;
  return slugs.map((slug, index) => {
    const host = HOST_BY_SLUG.get(slug) as Host;
    const quantization = closed ? 'unknown' : (QUANTS[(hash + index) % QUANTS.length] as string);
    return {
      host,
      tag: closed ? slug : `${slug}/${quantization}`,
      quantization,
      promptPerToken: Number(model.pricing.prompt) * host.priceFactor,
      completionPerToken: Number(model.pricing.completion) * host.priceFactor,
      // The second endpoint of every third model is having a bad half hour.
      uptimeLast30m: index === 1 && hash % 3 === 0 ? 87.5 : 99 + ((hash >> index) % 100) / 100,
      status: index === 1 && hash % 3 === 0 ? -2 : 0,
    };
  });
}

function price(perToken: number): string {
  return perToken === 0 ? '0' : perToken.toFixed(12).replace(/\.?0+$/, '');
}

/** The body of `GET /models/{author}/{slug}/endpoints`, in the field order of the SDK's PublicEndpoint. */
export function endpointsBody(model: Model) {
  return {
    data: {
      id: model.id,
      name: model.name,
      created: model.created,
      description: model.description,
      architecture: model.architecture,
      endpoints: endpointsOf(model).map((e) => ({
        name: `${e.host.name} | ${model.id}`,
        model_id: model.id,
        model_name: model.name,
        context_length: model.context_length,
        pricing: {
          prompt: price(e.promptPerToken),
          completion: price(e.completionPerToken),
          request: '0',
          image: '0',
        },
        provider_name: e.host.name,
        tag: e.tag,
        quantization: e.quantization,
        max_completion_tokens: model.top_provider.max_completion_tokens,
        max_prompt_tokens: null,
        supported_parameters: model.supported_parameters,
        status: e.status,
        uptime_last_30m: e.uptimeLast30m,
        supports_implicit_caching: model.pricing.input_cache_read !== undefined,
      })),
    },
  };
}

/** The body of `GET /providers`. */
export function providersBody() {
  return {
    data: HOSTS.map((h) => ({
      name: h.name,
      slug: h.slug,
      privacy_policy_url: `https://${h.slug}.example/privacy`,
      terms_of_service_url: `https://${h.slug}.example/terms`,
      status_page_url: null,
    })),
  };
}
