import type { IntlShape } from 'react-intl';
import type { UpdateProblem, UpdateStatus, UpdatesUnavailableReason } from '../../../common/update-types';

/*
 * Main's update status carries no words (common/update-types.ts): the window says it, in its own
 * language, from the catalog area `updates.status`. Called while rendering, so a status already on
 * screen is said again when the person switches the language.
 */

const UNAVAILABLE: Readonly<Record<UpdatesUnavailableReason, string>> = {
  'not-packaged': 'updates.status.notPackaged',
  'unsupported-package': 'updates.status.unsupportedPackage',
  'not-configured': 'updates.status.notConfigured',
};

const PROBLEMS: Readonly<Record<UpdateProblem, string>> = {
  offline: 'updates.status.problem.offline',
  'feed-unavailable': 'updates.status.problem.feedUnavailable',
  'bad-signature': 'updates.status.problem.badSignature',
  'checksum-mismatch': 'updates.status.problem.checksumMismatch',
  'no-write-access': 'updates.status.problem.noWriteAccess',
  'snapshot-failed': 'updates.status.problem.snapshotFailed',
  'install-failed': 'updates.status.problem.installFailed',
  unknown: 'updates.status.problem.unknown',
};

/**
 * The sentence for a status, or null for the two states each place words itself (`idle`, `checking`:
 * Settings → Updates says them; the banner says nothing then).
 */
export function updateStatusText(status: UpdateStatus, intl: IntlShape): string | null {
  switch (status.state) {
    case 'idle':
    case 'checking':
      return null;
    case 'unavailable':
      return intl.formatMessage({ id: UNAVAILABLE[status.reason] });
    case 'not-available':
      return intl.formatMessage({ id: 'updates.status.upToDate' });
    case 'available':
      return intl.formatMessage({ id: 'updates.status.available' }, { version: status.version });
    case 'downloading':
      return intl.formatMessage({ id: 'updates.status.downloading' }, { version: status.version });
    case 'downloaded':
      return intl.formatMessage({ id: 'updates.status.downloaded' }, { version: status.version });
    case 'waiting-for-replies':
      return intl.formatMessage({ id: 'updates.status.waitingForReplies' });
    case 'installing':
      return intl.formatMessage({ id: 'updates.status.installing' }, { version: status.version });
    case 'error':
      return intl.formatMessage({ id: PROBLEMS[status.problem] });
  }
}
