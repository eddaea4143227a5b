import type { LedgerMergeTarget } from '../../ledger/ledger-merge';
import type { SettingsRestoreTarget } from '../restore-settings';

/**
 * Settings and ledger stand-ins for a backup service that never restores a whole snapshot (the crash
 * child, the measurement): a restore through them would fail loudly instead of changing nothing quietly.
 */
export function unusedRestoreTargets(): { settings: SettingsRestoreTarget; ledger: LedgerMergeTarget } {
  const unused = async (): Promise<never> => {
    throw new Error('this backup service does not restore settings or the ledger');
  };
  return {
    settings: { replaceAll: unused },
    ledger: { loaded: unused, get: () => undefined, recordMany: unused },
  };
}
