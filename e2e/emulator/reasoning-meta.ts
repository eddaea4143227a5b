// The `reasoning{…}` object of a model in `/models`, as OpenRouter publishes it (docs §5: supported_efforts,
// default_effort, default_enabled, mandatory, supports_max_tokens). Only models with the `reasoning`
// parameter carry it. A few families get their own shape so every control state has a model to test with:
// mandatory reasoning (OpenAI o-series, Gemini 2.5 Pro, Claude 3.7 Sonnet thinking), token budgets
// (Anthropic, Gemini), a budget without efforts (Qwen), `none` among the efforts (GPT-5.1).

export type Effort = 'max' | 'xhigh' | 'high' | 'medium' | 'low' | 'minimal' | 'none';

export interface ModelReasoningMeta {
  mandatory: boolean;
  default_enabled?: boolean;
  supported_efforts?: Effort[];
  default_effort?: Effort;
  supports_max_tokens?: boolean;
}

const MANDATORY = new Set([
  'openai/o1',
  'openai/o1-pro',
  'openai/o3',
  'openai/o3-pro',
  'openai/o3-mini',
  'openai/o3-mini-high',
  'openai/o4-mini',
  'openai/o4-mini-high',
  'openai/gpt-5-pro',
  'anthropic/claude-3.7-sonnet:thinking',
  'google/gemini-2.5-pro',
  'google/gemini-2.5-pro-preview-05-06',
  'google/gemini-3-pro-preview',
]);

/** `baseId` is the id without a `:free` suffix. */
export function reasoningMeta(baseId: string): ModelReasoningMeta {
  const [author] = baseId.split('/');
  const mandatory = MANDATORY.has(baseId);
  if (baseId === 'openai/gpt-5.1' || baseId === 'openai/gpt-5.1-codex') {
    return {
      mandatory: false,
      default_enabled: true,
      supported_efforts: ['high', 'medium', 'low', 'none'],
      default_effort: 'none',
    };
  }
  if (author === 'openai') {
    return {
      mandatory,
      default_enabled: true,
      supported_efforts: baseId === 'openai/gpt-5-pro' ? ['high'] : ['high', 'medium', 'low', 'minimal'],
      default_effort: baseId === 'openai/gpt-5-pro' ? 'high' : 'medium',
    };
  }
  if (author === 'anthropic') {
    return {
      mandatory,
      default_enabled: mandatory,
      supported_efforts: ['high', 'medium', 'low'],
      default_effort: 'medium',
      supports_max_tokens: true,
    };
  }
  if (author === 'google') {
    return {
      mandatory,
      default_enabled: true,
      supported_efforts: ['high', 'medium', 'low', 'minimal'],
      default_effort: 'high',
      supports_max_tokens: true,
    };
  }
  if (author === 'qwen') return { mandatory: false, default_enabled: true, supports_max_tokens: true };
  return {
    mandatory,
    default_enabled: true,
    supported_efforts: ['high', 'medium', 'low'],
    default_effort: 'medium',
  };
}
