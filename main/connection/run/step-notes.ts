import type { StepNoteKey } from '../../../common';

/** The English of each step note (CLI, logs); the renderer has its own `progress.notes.<key>`. */
export const stepNoteText: Record<StepNoteKey, string> = {
  reusedPermissionSet: 'Reused the permission set from an earlier attempt',
  reusedUser: 'Reused the integration user from an earlier connection',
  reactivatedUser: 'Reactivated the integration user from an earlier connection',
  usernameTaken: 'That username was taken; trying another',
  replacedApp: 'Replaced the app left over from an earlier attempt',
  notOurs: 'Not created by Agent Connections: left alone',
};
