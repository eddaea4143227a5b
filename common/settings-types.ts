import { z } from 'zod';
import { DEFAULT_PDF_ENGINE, PdfEngineChoiceSchema } from './attachment-types';
import { LanguageSettingSchema } from './i18n/locales';
import {
  DEFAULT_WEB_SEARCH,
  ModelIdSchema,
  ProviderPreferencesSchema,
  ReasoningChoiceSchema,
  WebSearchSettingsSchema,
} from './request-options';
import { DEFAULT_SPENDING_LIMITS, SpendingLimitsSchema } from './spending-types';

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** Preferences kept by main in `<userData>/settings.json`. No secrets live here. */
export const SettingsSchema = z.object({
  defaultModel: z.string().max(200).nullable(),
  systemPrompt: z.string().max(20_000),
  temperature: z.number().min(0).max(2).nullable(),
  maxTokens: z.number().int().positive().max(1_000_000).nullable(),
  theme: ThemeSchema,
  favouriteModels: z.array(z.string().max(200)).max(200),
  /** Most recent first. */
  recentModels: z.array(z.string().max(200)).max(20),
  /** The reasoning choice per model id when a conversation has made none (absent: the model's own default). */
  reasoningByModel: z.record(ModelIdSchema, ReasoningChoiceSchema),
  /** Settings → "Providers": the routing every conversation uses unless it has its own; null sends none. */
  providerDefaults: ProviderPreferencesSchema.nullable(),
  /** How web search runs when the person turns it on; it is never on by default. */
  webSearch: WebSearchSettingsSchema,
  /**
   * Send each conversation's stable `session_id`, so OpenRouter keeps it on one provider and prompt
   * caching pays off. Off by default only because, with no choice made, requests stay as they were.
   */
  stickyProvider: z.boolean(),
  /** Settings → "Spending": daily and monthly limits and the ask-before threshold, enforced by main. */
  spending: SpendingLimitsSchema,
  /** Settings → "PDF reading": the engine OpenRouter parses attached PDFs with (issue 17). */
  pdfEngine: PdfEngineChoiceSchema,
  /** Settings → "Updates": check for updates at start and daily (issue 20). The button works either way. */
  checkForUpdatesAutomatically: z.boolean(),
  /** Settings → "Language" (issue 20): the system's preferred languages, or one chosen; applied at once. */
  language: LanguageSettingSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  defaultModel: null,
  systemPrompt: '',
  temperature: null,
  maxTokens: null,
  theme: 'system',
  favouriteModels: [],
  recentModels: [],
  reasoningByModel: {},
  providerDefaults: null,
  webSearch: DEFAULT_WEB_SEARCH,
  stickyProvider: false,
  spending: DEFAULT_SPENDING_LIMITS,
  pdfEngine: DEFAULT_PDF_ENGINE,
  checkForUpdatesAutomatically: true,
  language: 'system',
};

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
