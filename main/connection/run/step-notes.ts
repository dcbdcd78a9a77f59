import type { StepId, StepNoteKey } from '../../../common';

/** The English of each step note (CLI, logs); the renderer has its own `progress.notes.<key>`. */
export const stepNoteText: Record<StepNoteKey, string> = {
  reusedPermissionSet: 'Reused the permission set from an earlier attempt',
  reusedUser: 'Reused the integration user from an earlier connection',
  reactivatedUser: 'Reactivated the integration user from an earlier connection',
  usernameTaken: 'That username was taken; trying another',
  replacedApp: 'Replaced the app left over from an earlier attempt',
  notOurs: 'Not created by Agent Connections: left alone',
};

/** What each step is doing, in words for an error's "while …" (never the step's id). */
export const stepDoing: Record<StepId, string> = {
  preflight: 'running the pre-flight checks',
  permissionSet: 'creating the permission set',
  accessGrants: "granting the agent's access on the permission set",
  integrationUser: 'creating the integration user',
  licence: 'assigning the permission set licence',
  assignment: 'assigning the permission set',
  keyPair: "making the agent's key and certificate",
  app: 'creating the External Client App',
  activation: 'waiting for Salesforce to accept the agent',
  verification: 'signing in as the agent',
  removeApp: 'removing the External Client App',
  removeAssignment: 'removing the permission set assignment',
  removeLicence: 'freeing the permission set licence',
  deactivateUser: 'deactivating the integration user',
  removePermissionSet: 'deleting the permission set',
  replaceCertificate: "replacing the app's certificate",
};
