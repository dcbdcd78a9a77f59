/*
 * The contract's operation and event names, free of zod: the renderer's API seam needs them on its
 * first screen, the schemas never. `contract.ts` checks its tables against these lists at compile time.
 */

export const operationNames = [
  'app.info',
  'connectors.list',
  'settings.get',
  'settings.update',
  'profiles.save',
  'profiles.remove',
  'profiles.activate',
  'auth.status',
  'auth.signIn',
  'auth.cancel',
  'auth.signOut',
  'agent.accessProfile.get',
  'agent.accessProfile.update',
  'org.describeObjects',
  'org.describeObject',
  'connection.state',
  'connection.preflight',
  'connection.plan',
  'connection.enable',
  'connection.disable',
  'connection.reconnect',
  'connection.recreate',
  'connection.updateAccess',
  'connection.rotateKey',
  'connection.repair',
  'connection.adopt',
  'connection.acceptOrgChange',
  'connection.rebuildPlan',
  'connection.rebuildHere',
  'connection.resume',
  'connection.rollback',
  'connection.cancel',
  'connection.check',
  'connection.export',
  'connection.exportCredentials',
  'connection.openInSetup',
  'connection.visibility',
  'connection.sample',
  'connection.overview',
  'audit.list',
  'audit.export',
  'signInApp.show',
  'signInApp.plan',
  'signInApp.create',
  'signInApp.remove',
] as const;
export type OperationName = (typeof operationNames)[number];

export const eventNames = ['auth.changed', 'connection.changed', 'connection.progress', 'settings.changed', 'health.notice'] as const;
export type EventName = (typeof eventNames)[number];
