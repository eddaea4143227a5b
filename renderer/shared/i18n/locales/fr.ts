/// <reference types="vite/client" />
import { mergeAreas } from '../merge-areas';

// Every area's fr file (common/i18n/messages/<area>/fr.json), one chunk the window loads only when
// it is shown in this language (catalog-loader.ts). A new area folder is picked up without a line here.
export default mergeAreas(
  import.meta.glob<Record<string, string>>('../../../../common/i18n/messages/*/fr.json', {
    eager: true,
    import: 'default',
  }),
);
