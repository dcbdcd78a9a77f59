import type {
  AccessProfile,
  AuditEntry,
  AuthStatus,
  ConnectionState,
  DescribedField,
  DescribedObject,
  EventName,
  EventPayload,
  ExportFormat,
  HealthReport,
  PreflightReport,
  RemovalPlan,
  SavedFile,
  SignInStarted,
} from '../../common';

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
  enable(): Promise<ConnectionState>;
  removalPlan(): Promise<RemovalPlan>;
  disable(): Promise<ConnectionState>;
  reconnect(): Promise<ConnectionState>;
  recreate(): Promise<ConnectionState>;
  updateAccess(): Promise<ConnectionState>;
  resume(): Promise<ConnectionState>;
  rollback(): Promise<ConnectionState>;
  /** Stops the live run: it rolls back what it created, or stays resumable. The state at once (still running). */
  cancel(): Promise<ConnectionState>;
  check(): Promise<HealthReport>;
  exportDetails(format: ExportFormat): Promise<OutgoingFile>;
  exportCredentials(passphrase: string): Promise<OutgoingFile>;
  setupUrl(artifact: 'app' | 'user' | 'permissionSet'): string;
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
