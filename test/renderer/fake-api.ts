import {
  AppFailure,
  type AccessProfile,
  type AgentConnectionsApi,
  type AppError,
  type AppInfo,
  type AuditEntry,
  type AuthStatus,
  type ConnectionState,
  type ConnectionsOverview,
  type Connector,
  type DescribedField,
  type DescribedObject,
  type EventName,
  type EventPayload,
  type HealthReport,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type PreflightReport,
  type RunKind,
  type SavedFile,
  type Settings,
  type VisibilityReport,
  type VisibilitySample,
} from '../../common';
import * as fixtures from './fake-fixtures';

export interface FakeState {
  info: AppInfo;
  settings: Settings;
  auth: AuthStatus;
  connection: ConnectionState;
  accessProfile: AccessProfile;
  describedObjects: DescribedObject[];
  describedFields: Record<string, DescribedField[]>;
  audit: AuditEntry[];
  preflight: PreflightReport;
  health: HealthReport;
  visibility: VisibilityReport;
  /** What `connection.sample` answers, whatever the object. */
  sample: VisibilitySample;
  /** The pre-flight Turn on's plan carries (the review shows it); none by default. */
  planPreflight?: PreflightReport;
  /** What `connection.overview` answers. */
  overview: ConnectionsOverview;
  /** What export operations return; `download` mimics browser mode. */
  savedFile: SavedFile;
}

export interface FakeCall {
  operation: OperationName;
  input: unknown;
}

export type FakeApi = AgentConnectionsApi & {
  readonly state: FakeState;
  readonly calls: FakeCall[];
  /** Inputs of every call to one operation, oldest first. */
  callsTo<N extends OperationName>(operation: N): OperationInput<N>[];
  /** Pushes an event as main would, updating the fake's own state to match. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The next call to `operation` rejects with this error, as the real transports do. */
  failNext: (operation: OperationName, error: AppError) => void;
};

type Implementations = { [N in OperationName]: (input: OperationInput<N>) => OperationOutput<N> };
type Listener = (payload: unknown) => void;

/** An in-memory AgentConnectionsApi for component tests: put it in any state, record calls, emit events. */
export function createFakeApi(overrides: Partial<FakeState> = {}): FakeApi {
  const state: FakeState = {
    info: fixtures.appInfo,
    settings: fixtures.settings,
    auth: fixtures.auth.signedOut,
    connection: fixtures.connection.off,
    accessProfile: fixtures.accessProfile,
    describedObjects: fixtures.describedObjects,
    describedFields: fixtures.describedFields,
    audit: fixtures.auditEntries,
    preflight: fixtures.connection.preflightFailed.preflight,
    health: fixtures.health,
    visibility: fixtures.visibility,
    sample: fixtures.visibilitySample,
    overview: { orgs: [] },
    savedFile: { kind: 'saved', path: '/home/ada/connection.json' },
    ...overrides,
  };
  const calls: FakeCall[] = [];
  const failures = new Map<OperationName, AppError>();
  const listeners = new Map<EventName, Set<Listener>>();

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (event === 'auth.changed') state.auth = payload as AuthStatus;
    if (event === 'connection.changed') state.connection = payload as ConnectionState;
    if (event === 'settings.changed') state.settings = payload as Settings;
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const setConnection = (next: ConnectionState): ConnectionState => {
    emit('connection.changed', next);
    return next;
  };
  const setSettings = (next: Settings): Settings => {
    emit('settings.changed', next);
    return next;
  };
  /** As main does: a run starts only with the id of a plan this fake handed out (PLAN_REQUIRED otherwise). */
  const planned = new Set<string>();
  const startRun = (kind: RunKind, input: { planId?: string } = {}): ConnectionState => {
    if (!input.planId || !planned.delete(input.planId))
      throw new AppFailure({ code: 'PLAN_REQUIRED', message: 'Review the plan first.', action: 'review' });
    return running(kind);
  };
  const running = (kind: RunKind): ConnectionState =>
    setConnection({
      status: 'running',
      orgId: fixtures.identity.orgId,
      details: state.connection.details,
      run: fixtures.runAt(kind, kind === 'disable' || kind === 'rollback' ? 'removeApp' : 'preflight'),
    });

  const implementations: Implementations = {
    'app.info': () => state.info,
    'connectors.list': (): Connector[] => [
      { id: 'dynamics365', name: 'Dynamics 365 Sales', status: 'connected', setupNeeded: false },
      {
        id: 'salesforce',
        name: 'Salesforce',
        status: state.connection.status === 'off' ? 'notSetUp' : state.connection.status,
        setupNeeded: true,
      },
    ],
    'settings.get': () => state.settings,
    'settings.update': (change) => setSettings({ ...state.settings, ...change }),
    'profiles.save': (input) => {
      const profile = {
        id: input.id ?? `profile-${state.settings.orgProfiles.length + 1}`,
        name: input.name,
        environment: input.environment,
        myDomainUrl: input.myDomainUrl,
        ...(input.allowAnyHost ? { allowAnyHost: true } : {}),
        clientId: input.clientId ?? 'PlatformCLI',
        callbackPort: input.callbackPort ?? 1717,
      };
      const others = state.settings.orgProfiles.filter((p) => p.id !== profile.id);
      setSettings({ ...state.settings, orgProfiles: [...others, profile], activeProfileId: state.settings.activeProfileId ?? profile.id });
      return profile;
    },
    'profiles.remove': ({ id }) =>
      setSettings({
        ...state.settings,
        orgProfiles: state.settings.orgProfiles.filter((p) => p.id !== id),
        activeProfileId: state.settings.activeProfileId === id ? null : state.settings.activeProfileId,
      }),
    // As main does: the profile made active brings its own session (none here) and its org's connection.
    'profiles.activate': ({ id }) => {
      const settings = setSettings({ ...state.settings, activeProfileId: id });
      if ('profileId' in state.auth && state.auth.profileId !== id) {
        emit('auth.changed', { state: 'signedOut', profileId: id });
        emit('connection.changed', { status: 'off', orgId: null });
      }
      return settings;
    },

    'auth.status': () => state.auth,
    'auth.signIn': ({ profileId }) => {
      const signingIn = { ...fixtures.auth.signingIn, profileId: profileId ?? state.settings.activeProfileId ?? 'default' };
      emit('auth.changed', signingIn);
      return { authorizeUrl: signingIn.authorizeUrl, openedBy: state.info.host === 'browser' ? 'page' : 'app' };
    },
    'auth.cancel': () => {
      emit('auth.changed', { state: 'signedOut', profileId: state.settings.activeProfileId });
      return state.auth;
    },
    'auth.signOut': () => {
      emit('auth.changed', { state: 'signedOut', profileId: state.settings.activeProfileId });
      return state.auth;
    },

    'agent.accessProfile.get': () => state.accessProfile,
    'agent.accessProfile.update': (profile) => {
      state.accessProfile = {
        objects: profile.objects.map((o) => ({ ...o, viewAllRecords: o.viewAllRecords ?? false, edit: o.edit ?? false })),
      };
      const granted = new Set((state.connection.details?.grants ?? []).map((g) => `${g.object}.${g.field ?? ''}`));
      const missingFields = state.accessProfile.objects
        .flatMap((o) => o.fields.map((f) => `${o.object}.${f}`))
        .filter((f) => !granted.has(f));
      if (state.connection.status !== 'connected' || missingFields.length === 0) return state.connection;
      return setConnection({
        ...state.connection,
        status: 'drift',
        drift: { missingFields, missingObjects: [], brokenArtifacts: [], extraGrants: [] },
        error: { code: 'CONNECTION_DRIFT', message: 'The agent needs fields the connection does not grant.', action: 'recreate' },
      });
    },
    'org.describeObjects': () => state.describedObjects,
    'org.describeObject': ({ name }) => {
      const object = state.describedObjects.find((o) => o.name === name);
      if (!object) throw new AppFailure({ code: 'SALESFORCE_ERROR', message: `No object named ${name}.` });
      // As in a real org, activities are missing from the ObjectPermissions picklist.
      return { name, label: object.label, fields: state.describedFields[name] ?? [], objectPermissions: !['Task', 'Event'].includes(name) };
    },

    'connection.state': () => state.connection,
    'connection.preflight': () => state.preflight,
    'connection.plan': ({ kind }) => {
      const made = fixtures.plan(kind);
      const reviewed = kind === 'enable' && state.planPreflight ? { ...made, preflight: state.planPreflight } : made;
      planned.add(reviewed.id);
      return reviewed;
    },
    'connection.enable': (input) => startRun('enable', input),
    'connection.disable': (input) => startRun('disable', input),
    'connection.reconnect': (input) => startRun('reconnect', input),
    'connection.recreate': (input) => startRun('recreate', input),
    'connection.updateAccess': (input) => startRun('updateAccess', input),
    // Adopt's review is Rotate key's (main/connection/review/reviewed-runs.ts).
    'connection.rotateKey': (input) => startRun('rotateKey', input),
    'connection.repair': (input) => startRun('repair', input),
    'connection.adopt': (input) => startRun('rotateKey', input),
    'connection.acceptOrgChange': () => setConnection({ status: 'off', orgId: fixtures.identity.orgId }),
    'connection.rebuildPlan': () => {
      const id = `rebuild-${planned.size + 1}`;
      planned.add(id);
      return { id, orgId: fixtures.identity.orgId, expiresAt: '2099-01-01T00:00:00.000Z', summary: ['Recreate the agent’s app here.'] };
    },
    // Rebuild here's run is an Enable (main/connection/run/sandbox-rebuild.ts).
    'connection.rebuildHere': (input) => startRun('enable', input),
    'connection.resume': (input) => startRun('resume', input),
    'connection.rollback': (input) => startRun('rollback', input),
    'connection.cancel': () =>
      state.connection.status === 'running' ? setConnection({ status: 'off', orgId: fixtures.identity.orgId }) : state.connection,
    'connection.check': () => state.health,
    'connection.export': () => state.savedFile,
    // As main does: an export hands the agent the current credentials, so nothing is owed any more.
    'connection.exportCredentials': () => {
      const { handOver, ...rest } = state.connection;
      if (handOver) setConnection(rest);
      return state.savedFile;
    },
    'connection.openInSetup': ({ artifact }) => ({ opened: true, url: `https://acme.my.salesforce.com/setup/${artifact}` }),
    'connection.visibility': () => state.visibility,
    'connection.sample': () => state.sample,
    'connection.overview': () => state.overview,

    'audit.list': ({ orgId, operation }) =>
      state.audit.filter((e) => (orgId === undefined || e.orgId === orgId) && (operation === undefined || e.operation === operation)),
    'audit.export': () => state.savedFile,

    'signInApp.show': () => ({
      profileId: fixtures.productionProfile.id,
      clientId: fixtures.productionProfile.clientId,
      callbackPort: fixtures.productionProfile.callbackPort,
      signInApp: null,
    }),
    'signInApp.plan': ({ kind, callbackPort }) => ({
      id: `sign-in-app-${kind}`,
      kind,
      orgId: fixtures.identity.orgId,
      callbackPort: callbackPort ?? fixtures.productionProfile.callbackPort,
      assignTo: [fixtures.identity.username],
      summary: [`${kind === 'create' ? 'Create' : 'Delete'} the External Client App "Agent Connections sign-in".`],
    }),
    'signInApp.create': () => ({
      appName: 'Agent_Connections_Sign_In',
      consumerKey: '3MVG9fakeSignInApp',
      callbackPort: fixtures.productionProfile.callbackPort,
      permissionSet: 'Agent_Connections_admins',
      orgId: fixtures.identity.orgId,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
    'signInApp.remove': () => fixtures.productionProfile,
  };

  const api: Record<string, unknown> = {
    state,
    calls,
    emit,
    callsTo: (operation: OperationName) => calls.filter((c) => c.operation === operation).map((c) => c.input),
    failNext: (operation: OperationName, error: AppError) => failures.set(operation, error),
    on(event: EventName, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const name of Object.keys(implementations) as OperationName[]) {
    api[name] = (input: unknown) => {
      calls.push({ operation: name, input });
      const failure = failures.get(name);
      failures.delete(name);
      const implementation = implementations[name] as (i: unknown) => unknown;
      // Settles on a later tick and hands out copies, as every real transport does.
      return Promise.resolve().then(() => {
        if (failure) throw new AppFailure(failure);
        return structuredClone(implementation(input ?? {}));
      });
    };
  }
  return api as FakeApi;
}
