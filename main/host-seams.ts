import type {
  AccessProfile,
  AuditEntry,
  AuthStatus,
  ConnectionState,
  ConnectionsOverview,
  DescribedField,
  DescribedObject,
  ConfirmedPlanInput,
  EnableInput,
  EventName,
  EventPayload,
  PlannedRunKind,
  RunPlan,
  ExportFormat,
  HealthReport,
  PreflightReport,
  SavedFile,
  SignInStarted,
  VisibilityReport,
  VisibilitySample,
} from '../common';

/**
 * The seams between the host-neutral services and whatever hosts them (Electron, browser mode,
 * CLI, tests). Services take these as parameters and never import `electron`.
 */

export interface HostInfo {
  name: string;
  version: string;
  platform: string;
  locale: string;
  host: 'desktop' | 'browser';
}

/** Pushes an event to every attached window or browser page. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** A file produced for the admin; the host decides how it reaches them. */
export interface OutgoingFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Desktop: a save dialog then a write. Browser mode: handed to the page as a download. */
export interface FileSaver {
  save(file: OutgoingFile): Promise<SavedFile>;
}

/** The one guarded way to open a URL in the system browser (https, allow-listed hosts). */
export interface ExternalOpener {
  open(url: string): Promise<boolean>;
}

export interface AuthService {
  status(): AuthStatus;
  /** Starts the browser sign-in; resolves once the authorize URL is ready (not when it completes). */
  signIn(profileId?: string): Promise<SignInStarted>;
  cancel(): AuthStatus;
  signOut(): Promise<AuthStatus>;
}

export interface ConnectionService {
  state(): ConnectionState;
  preflight(): Promise<PreflightReport>;
  /** The admin's changes to the integration user's defaults, as reviewed before Save. */
  /** takeOver: replace a connection another install manages (the admin confirmed the agent's key changes). */
  enable(input: EnableInput & ConfirmedPlanInput & { takeOver?: boolean }): Promise<ConnectionState>;
  /** What a run would change, read from the org now (no writes); its id is what the run asks for. */
  plan(kind: PlannedRunKind): Promise<RunPlan>;
  /** Each run refuses to start without the id of a fresh plan of its kind (PLAN_REQUIRED, PLAN_STALE). */
  disable(input: ConfirmedPlanInput): Promise<ConnectionState>;
  reconnect(input: ConfirmedPlanInput & { takeOver?: boolean }): Promise<ConnectionState>;
  recreate(input: ConfirmedPlanInput): Promise<ConnectionState>;
  /** removeHandAdded: also remove grants someone added by hand (the admin confirmed). */
  updateAccess(input: ConfirmedPlanInput & { removeHandAdded?: boolean }): Promise<ConnectionState>;
  rotateKey(input: ConfirmedPlanInput): Promise<ConnectionState>;
  adopt(input: ConfirmedPlanInput): Promise<ConnectionState>;
  acceptOrgChange(): Promise<ConnectionState>;
  resume(input: ConfirmedPlanInput): Promise<ConnectionState>;
  rollback(input: ConfirmedPlanInput): Promise<ConnectionState>;
  /** Stops the live run: it rolls back what it created, or stays resumable. The state at once (still running). */
  cancel(): Promise<ConnectionState>;
  check(): Promise<HealthReport>;
  exportDetails(format: ExportFormat): Promise<OutgoingFile>;
  exportCredentials(passphrase: string): Promise<OutgoingFile>;
  setupUrl(artifact: 'app' | 'user' | 'permissionSet'): string;
  /** What the agent sees of each object in its access, counted as the agent and as the admin. */
  visibility(): Promise<VisibilityReport>;
  /** Up to 3 records of one object read as the agent; for the screen only. */
  sample(object: string): Promise<VisibilitySample>;
  /** Every org profile with its connection as last checked; reads no org. */
  overview(): Promise<ConnectionsOverview>;
}

export interface AgentService {
  accessProfile(): AccessProfile;
  /** Saves the profile and returns the connection state it leads to (drift when grants are missing). */
  updateAccessProfile(profile: AccessProfile): Promise<ConnectionState>;
  describeObjects(): Promise<DescribedObject[]>;
  describeObject(name: string): Promise<{ name: string; label: string; fields: DescribedField[]; objectPermissions: boolean }>;
}

export interface AuditLog {
  list(filter: { orgId?: string; operation?: string }): AuditEntry[];
  append(entry: Omit<AuditEntry, 'id' | 'at'>): AuditEntry;
  export(format: 'json' | 'csv'): OutgoingFile;
}
