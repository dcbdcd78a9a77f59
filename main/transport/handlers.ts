import type { Connector, Handlers, WatchCheck } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { switchWhileChanging } from '../connection/org/messages';
import type { SignInAppService } from '../sign-in-app/service';
import type { SettingsRepository } from '../store/settings-repository';
import type { EventSink, ExternalOpener, FileSaver, HostInfo } from '../host-seams';
import type { AgentService } from '../agent/service';
import type { AuditLog } from '../store/audit-log';
import type { AuthService } from '../auth/auth-types';
import type { ConnectionService } from '../connection/service';

export interface ServiceDeps {
  info: HostInfo;
  settings: SettingsRepository;
  auth: AuthService;
  connection: ConnectionService;
  agent: AgentService;
  audit: AuditLog;
  files: FileSaver;
  external: ExternalOpener;
  events: EventSink;
  signInApp: SignInAppService;
  /** The background checks' history (`agent-connections watch run`), shown on the Overview. */
  watchHistory?: () => WatchCheck[];
}

function connectors(connection: ConnectionService): Connector[] {
  const status = connection.state().status;
  return [
    // The agent runs inside the Dynamics 365 environment, so there is nothing to set up.
    { id: 'dynamics365', name: 'Dynamics 365 Sales', status: 'connected', setupNeeded: false },
    { id: 'salesforce', name: 'Salesforce', status: status === 'off' ? 'notSetUp' : status, setupNeeded: true },
  ];
}

/** Every contract operation, implemented once over the services; transports only call these. */
export function createHandlers(deps: ServiceDeps): Handlers {
  const { settings, auth, connection, agent, audit, files, events } = deps;
  const settingsChanged = <T>(result: T): T => {
    events.emit('settings.changed', settings.get());
    return result;
  };
  // The screens act on the active profile: its session and its org's connection come with it.
  const activate = async (id: string) => {
    const changing = ['running', 'waiting', 'interrupted'].includes(connection.state().status);
    if (changing && settings.get().activeProfileId !== id) throw new AppFailure(switchWhileChanging());
    const next = settingsChanged(settings.activateProfile(id));
    await auth.follow(id);
    events.emit('connection.changed', connection.state());
    return next;
  };
  return {
    'app.info': () => Promise.resolve({ ...deps.info }),
    'connectors.list': () => Promise.resolve(connectors(connection)),

    'settings.get': () => Promise.resolve(settings.get()),
    'settings.update': (change) => Promise.resolve(settingsChanged(settings.update(change))),
    'profiles.save': async (input) => settingsChanged(await auth.saveProfile(input, (change) => settings.saveProfile(change))),
    'profiles.remove': ({ id }) => Promise.resolve(settingsChanged(settings.removeProfile(id))),
    'profiles.activate': ({ id }) => activate(id),

    'auth.status': () => Promise.resolve(auth.status()),
    'auth.signIn': ({ profileId }) => auth.signIn(profileId),
    'auth.cancel': () => Promise.resolve(auth.cancel()),
    'auth.signOut': () => auth.signOut(),

    'agent.accessProfile.get': () => Promise.resolve(agent.accessProfile()),
    'agent.accessProfile.update': (profile) => agent.updateAccessProfile(profile),
    'org.describeObjects': () => agent.describeObjects(),
    'org.describeObject': ({ name }) => agent.describeObject(name),

    'connection.state': () => Promise.resolve(connection.state()),
    'connection.preflight': () => connection.preflight(),
    'connection.plan': ({ kind }) => connection.plan(kind),
    'connection.enable': (input) => connection.enable(input),
    'connection.disable': (input) => connection.disable(input),
    'connection.reconnect': (input) => connection.reconnect(input),
    'connection.recreate': (input) => connection.recreate(input),
    'connection.updateAccess': (input) => connection.updateAccess(input),
    'connection.rotateKey': (input) => connection.rotateKey(input),
    'connection.repair': (input) => connection.repair(input),
    'connection.adopt': (input) => connection.adopt(input),
    'connection.acceptOrgChange': () => connection.acceptOrgChange(),
    'connection.rebuildPlan': () => connection.rebuildPlan(),
    'connection.rebuildHere': (input) => connection.rebuildHere(input),
    'connection.resume': (input) => connection.resume(input),
    'connection.rollback': (input) => connection.rollback(input),
    'connection.cancel': () => connection.cancel(),
    'connection.check': () => connection.check(),
    'connection.export': async ({ format }) => files.save(await connection.exportDetails(format)),
    'connection.exportCredentials': async ({ passphrase, handOver }) =>
      files.save(await connection.exportCredentials(passphrase, { ...(handOver && { handOver }) })),
    'connection.openInSetup': async ({ artifact }) => {
      const url = connection.setupUrl(artifact);
      return { opened: await deps.external.open(url), url };
    },
    'connection.visibility': () => connection.visibility(),
    'connection.sample': ({ object }) => connection.sample(object),
    'connection.overview': async () => ({ ...(await connection.overview()), checks: deps.watchHistory?.() ?? [] }),

    'audit.list': (filter) => Promise.resolve(audit.list(filter)),
    'audit.export': ({ format }) => files.save(audit.export(format)),

    'signInApp.show': () => {
      const { profile, app } = deps.signInApp.show();
      return Promise.resolve({ profileId: profile.id, clientId: profile.clientId, callbackPort: profile.callbackPort, signInApp: app });
    },
    'signInApp.plan': (input) => deps.signInApp.plan(input),
    'signInApp.create': async ({ planId }) => settingsChanged(await deps.signInApp.create(planId)),
    'signInApp.remove': async ({ planId }) => settingsChanged(await deps.signInApp.remove(planId)),
  };
}
