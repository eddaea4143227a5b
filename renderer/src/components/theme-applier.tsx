import { useStores } from '../app-context';
import { useApplyTheme } from '../hooks/use-apply-theme';
import { useStoreValue } from '../hooks/use-store-value';

/** Applies the theme setting; its own component so a settings change re-renders nothing else. */
export function ThemeApplier() {
  const { settings } = useStores();
  const theme = useStoreValue(settings)?.theme ?? 'system';
  useApplyTheme(theme);
  return null;
}
