/**
 * What each emulator switch may be set to, what it stands for, and the fact in
 * docs/salesforce.md it covers. Typed against EmulatorSwitches so a new switch cannot be
 * added without an entry here (the CLI's --switch/--list-switches and test matrices read this).
 */
import { DEFAULT_SWITCHES, type EmulatorSwitches } from './switches';

type SwitchName = keyof EmulatorSwitches;

interface SpecBase<V> {
  /** One line: the Salesforce behaviour the switch chooses. */
  description: string;
  /** The fact id in docs/salesforce.md. */
  fact: string;
  /** Values an integration matrix should run: every value of a boolean or enum, a meaningful few otherwise. */
  testValues: readonly V[];
}

// Bracketed so a union of literals stays one enum instead of distributing into one spec per literal.
export type SwitchSpec<V> = [V] extends [boolean]
  ? SpecBase<boolean> & { kind: 'boolean' }
  : [V] extends [number]
    ? SpecBase<V> & ({ kind: 'enum'; values: readonly V[] } | { kind: 'number'; min: number })
    : SpecBase<V> & ({ kind: 'enum'; values: readonly V[] } | { kind: 'text' });

export type SwitchCatalog = { [K in SwitchName]: SwitchSpec<EmulatorSwitches[K]> };

type AnySwitchSpec = SpecBase<unknown> &
  ({ kind: 'boolean' } | { kind: 'enum'; values: readonly (string | number)[] } | { kind: 'number'; min: number } | { kind: 'text' });

const bool = (fact: string, description: string) => ({ kind: 'boolean' as const, fact, description, testValues: [false, true] as const });
const oneOf = <const V extends string | number>(fact: string, description: string, values: readonly V[]) => ({
  kind: 'enum' as const,
  fact,
  description,
  values,
  testValues: values,
});

export const switchCatalog = {
  allowConnectedAppCreate: bool('CONNECTED-APP-CREATE', "createMetadata(ConnectedApp) succeeds (false: blocked, as since Spring '26)"),
  userDeleteError: oneOf('USER-DELETE', 'error for DELETE /sobjects/User/{id}', ['METHOD_NOT_ALLOWED', 'INVALID_TYPE_FOR_OPERATION']),
  duplicatePermissionSetNameCode: oneOf('PERMISSION-SET-DUPLICATE-NAME', 'errorCode for a PermissionSet whose Name is taken', [
    'DUPLICATE_DEVELOPER_NAME',
    'DUPLICATE_VALUE',
  ]),
  rejectDeleteAssignedPermissionSet: bool(
    'PERMISSION-SET-DELETE-ASSIGNED',
    'deleting a PermissionSet that still has assignments fails (false: the assignments go too)',
  ),
  defaultOauthPolicyNamePattern: {
    kind: 'text',
    fact: 'ECA-POLICIES',
    description: 'fullName of the OAuth policies record Salesforce makes; {oauth} = OAuth settings name, {app} = app name',
    testValues: ['{oauth}_defaultPolicy', '{app}_defaultPolicy'],
  },
  rejectSecondOauthPolicies: bool('ECA-POLICIES', 'a second ExtlClntAppOauthConfigurablePolicies record for one app is refused'),
  ecaDeleteCascade: bool(
    'ECA-DELETE-CASCADE',
    'deleting the ExternalClientApplication header deletes its satellites (false: refused while they exist)',
  ),
  executionUserMustBeActive: bool('ECA-EXECUTION-USER', 'clientCredentialsFlowUser must be an active user'),
  executionUserMustBeApiOnly: bool('ECA-EXECUTION-USER', 'clientCredentialsFlowUser must be an API-only user'),
  preAuthorizePermissionSetBy: oneOf(
    'ECA-PREAUTHORIZE-PERMISSION-SET',
    'what commaSeparatedPermissionSet takes: Names and Ids, only Names, or only Ids (the others refused)',
    ['either', 'name', 'id'],
  ),
  propagatingAnswer: oneOf(
    'ACTIVATION-PROPAGATION',
    'the JWT bearer answer while a new app spreads: invalid_client_id, app_not_found, or app_not_found / not approved / success in turn',
    ['invalidClientId', 'appNotFound', 'alternating'],
  ),
  clientConsumerKey: oneOf('ECA-CONSUMER-KEY-CHOICE', 'a consumerKey sent with new global OAuth settings is kept or refused', [
    'accepted',
    'refused',
  ]),
  ecaCrudCalls: oneOf(
    'ECA-CRUD-CALLS',
    'CRUD calls other than listMetadata on the External Client App types are taken, or fault INVALID_TYPE (deploy serves them)',
    ['accepted', 'refused'],
  ),
  consumerKeyInRead: oneOf('ECA-CONSUMER-KEY-READ', 'readMetadata of global OAuth settings shows consumerKey without the org setting', [
    'shown',
    'omitted',
  ]),
  consumerSecretInRead: oneOf('ECA-CONSUMER-SECRET-READ', 'how readMetadata shows the consumer secret', ['omit', 'mask']),
  strictElementOrder: bool('METADATA-ELEMENT-ORDER', 'Metadata SOAP faults on elements out of WSDL order'),
  rejectUnknownElements: bool('METADATA-UNKNOWN-ELEMENTS', 'Metadata SOAP faults on elements the type does not define'),
  jwtAcceptInstanceAudience: bool('JWT-AUDIENCE', 'with jwtAudience=loose, the JWT bearer grant also accepts the My Domain origin as aud'),
  oauthClientErrorStatus: oneOf('OAUTH-CLIENT-ERROR-STATUS', 'HTTP status of invalid_client / invalid_client_id', [400, 401]),
  acceptBasicClientAuth: bool('OAUTH-BASIC-CLIENT-AUTH', 'the token endpoint accepts client id and secret in an HTTP Basic header'),
  rejectLoopbackIpCallback: bool('OAUTH-LOOPBACK-CALLBACK', 'registering an http://127.0.0.1 callback is refused'),
  describeInaccessibleObject: oneOf('DESCRIBE-INACCESSIBLE-OBJECT', 'describe of an object the user cannot read', [
    'NOT_FOUND',
    'INVALID_TYPE',
  ]),
  autoCommunityNickname: bool('USER-COMMUNITY-NICKNAME', 'a new User without CommunityNickname gets one generated'),
  integrationSeats: {
    kind: 'number',
    min: 0,
    fact: 'INTEGRATION-SEATS',
    description: 'Salesforce Integration licence seats in the org',
    testValues: [1, 5],
  },
  authCodeTtlMs: {
    kind: 'number',
    min: 1,
    fact: 'OAUTH-AUTH-CODE-TTL',
    description: 'authorization code lifetime in ms',
    testValues: [15 * 60 * 1000],
  },
  orgType: oneOf('ORG-TYPE', 'Organization.IsSandbox and the JWT audience the org accepts', ['production', 'sandbox']),
  jwtAudience: oneOf('JWT-AUDIENCE', 'salesforce: only the audiences Salesforce accepts; loose: also the emulator login origin', [
    'salesforce',
    'loose',
  ]),
  compositeOrder: oneOf('COMPOSITE-ORDER', 'collated: independent Composite subrequests may run out of order', ['inOrder', 'collated']),
  activityObjectPermissions: oneOf('ACTIVITY-OBJECT-PERMISSIONS', 'ObjectPermissions rows for Task and Event', ['rejected', 'accepted']),
  ecaPolicies: oneOf('ECA-POLICIES', 'who makes the ECA configurable and OAuth policies records', ['createdByClient', 'autoCreated']),
  apiAccessControl: bool('API-ACCESS-CONTROL', 'the org uses API Access Control: only allowed clients, or holders of "Use Any API Client"'),
  apiAccessControlAllowsPreAuthorizedEca: bool(
    'API-ACCESS-CONTROL',
    'under API Access Control, an External Client App with admin-approved, pre-authorised users is allowed',
  ),
  blockedClientError: oneOf('UNINSTALLED-APP-ACCESS', "the error a blocked client's authorize redirects with", [
    'OAUTH_APP_BLOCKED',
    'OAUTH_APP_ACCESS_DENIED',
  ]),
  frozenUserGrantAnswer: oneOf('AGENT-SIGN-IN-REASONS', 'what the JWT bearer grant answers for a frozen user', [
    'inactiveUser',
    'authenticationFailure',
  ]),
  lockedUserGrant: oneOf('AGENT-SIGN-IN-REASONS', 'whether a password-locked user is refused a JWT bearer grant', ['refused', 'allowed']),
  validationErrorFields: oneOf('USER-VALIDATION-RULES', "a validation rule's REST error lists its error display field, or no field", [
    'displayField',
    'none',
  ]),
} satisfies SwitchCatalog;

export const switchNames = Object.keys(switchCatalog) as SwitchName[];

/** A switch value given as text (`--switch NAME=VALUE`), checked against the catalog. */
export function parseSwitch(assignment: string): Partial<EmulatorSwitches> {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new Error(`--switch expects NAME=VALUE, got "${assignment}"`);
  const name = assignment.slice(0, eq);
  const raw = assignment.slice(eq + 1);
  if (!isSwitchName(name)) throw new Error(`unknown switch "${name}" (see --list-switches)`);
  const spec: AnySwitchSpec = switchCatalog[name];
  return { [name]: parseValue(name, spec, raw) };
}

function isSwitchName(name: string): name is SwitchName {
  return (switchNames as string[]).includes(name);
}

function parseValue(name: string, spec: AnySwitchSpec, raw: string): boolean | number | string {
  const bad = (allowed: string) => new Error(`switch ${name} must be ${allowed}, got "${raw}"`);
  switch (spec.kind) {
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad('true or false');
      return raw === 'true';
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isInteger(n) || n < spec.min) throw bad(`an integer >= ${spec.min}`);
      return n;
    }
    case 'enum': {
      const found = spec.values.find((v) => String(v) === raw);
      if (found === undefined) throw bad(`one of ${spec.values.join(', ')}`);
      return found;
    }
    case 'text':
      if (raw === '') throw bad('non-empty text');
      return raw;
  }
}

/** The switch table `--list-switches` prints: name, allowed values, default, source. */
export function describeSwitches(): string[] {
  return switchNames.map((name) => {
    const spec: AnySwitchSpec = switchCatalog[name];
    const allowed =
      spec.kind === 'boolean'
        ? 'true|false'
        : spec.kind === 'enum'
          ? spec.values.join('|')
          : spec.kind === 'number'
            ? `integer >= ${spec.min}`
            : 'text';
    return `${name}=${allowed} (default ${String(DEFAULT_SWITCHES[name])}) - ${spec.description}; fact ${spec.fact} in docs/salesforce.md`;
  });
}
