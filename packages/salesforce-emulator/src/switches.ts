/**
 * Every behaviour docs/salesforce.md marks unverified is a switch here, defaulting to the most likely
 * real behaviour. switch-catalog.ts names each one's fact, and the README lists them.
 */
export interface EmulatorSwitches {
  /** Fact CONNECTED-APP-CREATE: Spring '26 blocks new ConnectedApp creation, including via the Metadata API. */
  allowConnectedAppCreate: boolean;
  /** Fact USER-DELETE: DELETE /sobjects/User/{id}: 405 METHOD_NOT_ALLOWED (default) or 400 INVALID_TYPE_FOR_OPERATION. */
  userDeleteError: 'METHOD_NOT_ALLOWED' | 'INVALID_TYPE_FOR_OPERATION';
  /** Fact PERMISSION-SET-DUPLICATE-NAME: errorCode for a duplicate PermissionSet Name. */
  duplicatePermissionSetNameCode: 'DUPLICATE_DEVELOPER_NAME' | 'DUPLICATE_VALUE';
  /** Fact PERMISSION-SET-DELETE-ASSIGNED: reject deleting a PermissionSet that still has assignments. */
  rejectDeleteAssignedPermissionSet: boolean;
  /** Fact ECA-POLICIES: fullName pattern of the generated OAuth policies record (ecaPolicies=autoCreated); `{oauth}` = OAuth settings fullName, `{app}` = header fullName. */
  defaultOauthPolicyNamePattern: string;
  /** Fact ECA-POLICIES: reject a second ExtlClntAppOauthConfigurablePolicies record for the same app (a second configurable policies record is always rejected). */
  rejectSecondOauthPolicies: boolean;
  /** Fact ECA-DELETE-CASCADE: deleteMetadata of the ExternalClientApplication header also deletes its satellites (false: refused while satellites exist). */
  ecaDeleteCascade: boolean;
  /** Fact ECA-EXECUTION-USER: clientCredentialsFlowUser must be an active user ("Enter a valid execution user ..."). */
  executionUserMustBeActive: boolean;
  /** Fact ECA-EXECUTION-USER: clientCredentialsFlowUser must be API-only. */
  executionUserMustBeApiOnly: boolean;
  /** Fact ECA-PREAUTHORIZE-PERMISSION-SET: what commaSeparatedPermissionSet takes; `name`/`id` refuse an entry that is no permission set's Name/Id. */
  preAuthorizePermissionSetBy: 'either' | 'name' | 'id';
  /** Fact ACTIVATION-PROPAGATION: what the JWT bearer grant answers for an app still spreading (the activation delay). */
  propagatingAnswer: 'invalidClientId' | 'appNotFound' | 'alternating';
  /** Fact ECA-CONSUMER-KEY-CHOICE: a consumerKey the client sends on a new ExtlClntAppGlobalOauthSettings is kept, or refused. */
  clientConsumerKey: 'accepted' | 'refused';
  /** Fact ECA-CRUD-CALLS: the CRUD calls (all but listMetadata) take the External Client App types, or fault INVALID_TYPE (deploy and retrieve serve them either way). */
  ecaCrudCalls: 'accepted' | 'refused';
  /** Fact ECA-CONSUMER-KEY-READ: readMetadata shows the consumerKey, or leaves it out unless enableConsumerSecretApiAccess is on. */
  consumerKeyInRead: 'shown' | 'omitted';
  /** Fact ECA-CONSUMER-SECRET-READ: how readMetadata shows ExtlClntAppGlobalOauthSettings.consumerSecret (unless enableConsumerSecretApiAccess is on). */
  consumerSecretInRead: 'omit' | 'mask';
  /** Fact METADATA-ELEMENT-ORDER: fault on elements out of WSDL (alphabetical, fullName first) order. */
  strictElementOrder: boolean;
  /** Fact METADATA-UNKNOWN-ELEMENTS: fault on elements the type does not define. */
  rejectUnknownElements: boolean;
  /** Fact JWT-AUDIENCE: with jwtAudience=loose, also accept the My Domain origin as `aud`. */
  jwtAcceptInstanceAudience: boolean;
  /** Fact OAUTH-CLIENT-ERROR-STATUS: HTTP status for OAuth client errors (invalid_client, invalid_client_id). */
  oauthClientErrorStatus: 400 | 401;
  /** Fact OAUTH-BASIC-CLIENT-AUTH: accept client_id/client_secret in an HTTP Basic Authorization header at the token endpoint. */
  acceptBasicClientAuth: boolean;
  /** Fact OAUTH-LOOPBACK-CALLBACK: reject registering `http://127.0.0.1` callbacks for sign-in clients. */
  rejectLoopbackIpCallback: boolean;
  /** describe of an object the user cannot read: 404 NOT_FOUND (REST behaviour for unknown resources) or 400 INVALID_TYPE. */
  describeInaccessibleObject: 'NOT_FOUND' | 'INVALID_TYPE';
  /** Fact USER-COMMUNITY-NICKNAME: generate CommunityNickname when a new User omits it. */
  autoCommunityNickname: boolean;
  /** Fact INTEGRATION-SEATS: "Salesforce Integration" seats in the demo org (launch-era default 5). */
  integrationSeats: number;
  /** Authorization-code lifetime in ms (Salesforce documents 15 minutes). */
  authCodeTtlMs: number;
  /** Fact ORG-TYPE: `Organization.IsSandbox` and the audience the org accepts follow from this. */
  orgType: 'production' | 'sandbox';
  /** Fact JWT-AUDIENCE: salesforce = only the audiences Salesforce accepts for the org type; loose = also the emulator's own login origin. */
  jwtAudience: 'salesforce' | 'loose';
  /** Fact COMPOSITE-ORDER: collated = subrequests without a reference between them may run in another order than sent. */
  compositeOrder: 'inOrder' | 'collated';
  /** Fact ACTIVITY-OBJECT-PERMISSIONS: ObjectPermissions rows for Task and Event are rejected (not in the SobjectType picklist) or accepted. */
  activityObjectPermissions: 'rejected' | 'accepted';
  /** Fact ECA-POLICIES: autoCreated = Salesforce makes the configurable and OAuth policies itself; createdByClient = the client must. */
  ecaPolicies: 'createdByClient' | 'autoCreated';
  /** Fact API-ACCESS-CONTROL: the org uses API Access Control (only allowed clients, or holders of "Use Any API Client"). */
  apiAccessControl: boolean;
  /** Fact API-ACCESS-CONTROL: an External Client App whose admin-approved users are pre-authorised counts as allowed (false: only "Use Any API Client" gets through). */
  apiAccessControlAllowsPreAuthorizedEca: boolean;
  /** Fact UNINSTALLED-APP-ACCESS: the error a blocked client's authorize redirects with. */
  blockedClientError: 'OAUTH_APP_BLOCKED' | 'OAUTH_APP_ACCESS_DENIED';
  /** Fact AGENT-SIGN-IN-REASONS: what the JWT bearer grant answers for a frozen user (UserLogin.IsFrozen). */
  frozenUserGrantAnswer: 'inactiveUser' | 'authenticationFailure';
  /** Fact AGENT-SIGN-IN-REASONS: whether a password-locked user (UserLogin.IsPasswordLocked) is refused a JWT bearer grant. */
  lockedUserGrant: 'refused' | 'allowed';
  /** Fact USER-VALIDATION-RULES: a validation rule's REST error names its error display field in `fields`, or names none. */
  validationErrorFields: 'displayField' | 'none';
}

export const DEFAULT_SWITCHES: EmulatorSwitches = {
  allowConnectedAppCreate: false,
  userDeleteError: 'METHOD_NOT_ALLOWED',
  duplicatePermissionSetNameCode: 'DUPLICATE_DEVELOPER_NAME',
  rejectDeleteAssignedPermissionSet: true,
  defaultOauthPolicyNamePattern: '{oauth}_defaultPolicy',
  rejectSecondOauthPolicies: true,
  ecaDeleteCascade: false,
  executionUserMustBeActive: true,
  executionUserMustBeApiOnly: false,
  preAuthorizePermissionSetBy: 'either',
  clientConsumerKey: 'accepted',
  propagatingAnswer: 'invalidClientId',
  ecaCrudCalls: 'accepted',
  consumerKeyInRead: 'shown',
  consumerSecretInRead: 'omit',
  strictElementOrder: false,
  rejectUnknownElements: true,
  jwtAcceptInstanceAudience: false,
  oauthClientErrorStatus: 400,
  acceptBasicClientAuth: true,
  rejectLoopbackIpCallback: false,
  describeInaccessibleObject: 'NOT_FOUND',
  autoCommunityNickname: true,
  integrationSeats: 5,
  authCodeTtlMs: 15 * 60 * 1000,
  orgType: 'production',
  jwtAudience: 'salesforce',
  compositeOrder: 'collated',
  activityObjectPermissions: 'rejected',
  ecaPolicies: 'autoCreated',
  apiAccessControl: false,
  apiAccessControlAllowsPreAuthorizedEca: true,
  blockedClientError: 'OAUTH_APP_BLOCKED',
  frozenUserGrantAnswer: 'inactiveUser',
  lockedUserGrant: 'refused',
  validationErrorFields: 'none',
};
