import type { ChatRequest } from '../../../common/chat-types';
import type {
  ProviderPreferences,
  ReasoningChoice,
  WebSearchSettings,
} from '../../../common/request-options';
import { carriesPdf, messageContent } from './content-parts';

/**
 * ChatRequest → the JSON body of POST /chat/completions. Rebuilt field by field so nothing beyond the
 * contract reaches OpenRouter. Every issue-15 option is added only when it is set, after the fields
 * that existed before, so a request without options is byte-for-byte what it always was.
 */
export function chatRequestBody(req: ChatRequest): Record<string, unknown> {
  const fallbacks = fallbackModels(req.model, req.fallbackModels);
  return {
    model: req.model,
    messages: req.messages.map((m) => ({
      role: m.role,
      // A string as always, or parts when the message carries attachments (content-parts.ts).
      content: messageContent(m),
      // Sent back exactly as received: reasoning models continue their thought from them (signatures
      // and encrypted blocks included, ../shared/docs/openrouter-api.md §11).
      ...(m.role === 'assistant' && m.reasoningDetails !== undefined && m.reasoningDetails.length > 0
        ? { reasoning_details: m.reasoningDetails }
        : {}),
      // A PDF's parse, sent back with the file so OpenRouter does not parse (and bill) it again
      // (https://openrouter.ai/docs/guides/overview/multimodal/pdfs, "Skip Parsing Costs"; the
      // ai-sdk-provider puts `annotations` on the assistant message the same way:
      // src/chat/convert-to-openrouter-chat-messages.ts).
      ...(m.role === 'assistant' && m.fileAnnotations !== undefined && m.fileAnnotations.length > 0
        ? { annotations: m.fileAnnotations }
        : {}),
    })),
    stream: true,
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
    ...(req.reasoning !== undefined ? { reasoning: reasoningField(req.reasoning) } : {}),
    ...(req.provider !== undefined && hasAnyPreference(req.provider)
      ? { provider: providerField(req.provider) }
      : {}),
    ...(fallbacks !== null ? { models: fallbacks } : {}),
    ...(req.sessionId !== undefined && req.sessionId !== '' ? { session_id: req.sessionId } : {}),
    ...(req.webSearch !== undefined ? { tools: [webSearchTool(req.webSearch)] } : {}),
    // The person's PDF engine, named on every request that carries a PDF so OpenRouter never picks a
    // paid one for them (https://openrouter.ai/docs/guides/overview/multimodal/pdfs, "Plugin Configuration").
    ...(req.pdfEngine !== undefined && carriesPdf(req.messages)
      ? { plugins: [{ id: 'file-parser', pdf: { engine: req.pdfEngine } }] }
      : {}),
  };
}

/**
 * One form only: OpenRouter answers 400 when `effort` and `max_tokens` come together
 * (https://openrouter.ai/docs/use-cases/reasoning-tokens, "One of max_tokens or effort").
 */
export function reasoningField(choice: ReasoningChoice): Record<string, unknown> {
  switch (choice.kind) {
    case 'effort':
      return { effort: choice.effort };
    case 'budget':
      return { max_tokens: choice.maxTokens };
    case 'off':
      return { enabled: false };
  }
}

function hasAnyPreference(p: ProviderPreferences): boolean {
  return Object.values(providerField(p)).length > 0;
}

/**
 * OpenRouter's `provider` object, snake_case, only the fields the person set. `max_price` is in USD per
 * million tokens, the unit our settings use too ("USD price per million tokens, for prompt and
 * completion": https://openrouter.ai/docs/client-sdks/typescript/models/maxprice.md, and the same
 * text in the Python and Go SDK references), so the numbers pass through unchanged.
 */
export function providerField(p: ProviderPreferences): Record<string, unknown> {
  const maxPrice =
    p.maxPrice !== undefined
      ? {
          ...(p.maxPrice.promptPerMTok !== undefined ? { prompt: p.maxPrice.promptPerMTok } : {}),
          ...(p.maxPrice.completionPerMTok !== undefined ? { completion: p.maxPrice.completionPerMTok } : {}),
        }
      : undefined;
  return {
    ...(p.order !== undefined ? { order: [...p.order] } : {}),
    ...(p.only !== undefined ? { only: [...p.only] } : {}),
    ...(p.ignore !== undefined ? { ignore: [...p.ignore] } : {}),
    ...(p.allowFallbacks !== undefined ? { allow_fallbacks: p.allowFallbacks } : {}),
    ...(p.sort !== undefined ? { sort: p.sort } : {}),
    ...(p.dataCollection !== undefined ? { data_collection: p.dataCollection } : {}),
    ...(p.zdr !== undefined ? { zdr: p.zdr } : {}),
    ...(p.quantizations !== undefined ? { quantizations: [...p.quantizations] } : {}),
    ...(maxPrice !== undefined && Object.keys(maxPrice).length > 0 ? { max_price: maxPrice } : {}),
    ...(p.requireParameters !== undefined ? { require_parameters: p.requireParameters } : {}),
  };
}

/**
 * `models: [...]` in priority order, with the primary model first and `model` kept as well. OpenRouter's
 * own examples put the model to try first at the head of `models` ("Provide an array of model IDs in
 * priority order. If the first model returns an error, OpenRouter will automatically try the next":
 * https://openrouter.ai/docs/guides/routing/model-fallbacks), so the list is complete on its own and
 * `model` stays for readers that only look there. A fallback equal to the primary is dropped so the
 * same model is not tried twice. null when no fallback remains: no field is sent.
 */
export function fallbackModels(primary: string, fallbacks: readonly string[] | undefined): string[] | null {
  if (fallbacks === undefined) return null;
  const rest = fallbacks.filter((id, index) => id !== primary && fallbacks.indexOf(id) === index);
  return rest.length > 0 ? [primary, ...rest] : null;
}

/**
 * OpenRouter's web-search server tool. `engine: "auto"` is the documented default ("engine — string —
 * default auto": https://openrouter.ai/docs/guides/features/server-tools/web-search), so it is left out
 * and only a chosen engine is sent; `max_results` is always sent so the cost shown before sending holds.
 */
export function webSearchTool(settings: WebSearchSettings): Record<string, unknown> {
  return {
    type: 'openrouter:web_search',
    parameters: {
      ...(settings.engine !== 'auto' ? { engine: settings.engine } : {}),
      max_results: settings.maxResults,
    },
  };
}
