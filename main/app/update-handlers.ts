import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { UpdateService } from '../services/updates/update-service';

export interface UpdateHandlerDeps {
  updates: Pick<UpdateService, 'status' | 'checkNow' | 'restartToUpdate'>;
}

/**
 * The chat window's update calls (issue 20). The window only asks; main decides whether a check runs
 * (not twice at once, not once an update is downloaded) and when the installer starts (after a backup,
 * never under a streaming reply). Nothing the window sends reaches the updater: every call takes no
 * arguments.
 */
export function createUpdateHandlers(
  deps: UpdateHandlerDeps,
): Pick<Handlers<ChatContract>, 'getUpdateStatus' | 'checkForUpdates' | 'restartToUpdate'> {
  return {
    getUpdateStatus: async () => deps.updates.status(),
    checkForUpdates: () => deps.updates.checkNow(),
    restartToUpdate: async () => deps.updates.restartToUpdate(),
  };
}
