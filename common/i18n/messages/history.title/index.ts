import type { AreaCatalog } from '../../catalog-types';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

export default { en, 'zh-CN': zhCN, ja, de, es, fr } satisfies AreaCatalog;
