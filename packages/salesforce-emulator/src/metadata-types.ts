/**
 * Metadata types served by the CRUD endpoint, with the elements each may carry (facts CONNECTED-APP-CREATE, ECA-METADATA-TYPES).
 * Element kinds let the emulator fault on malformed booleans like Salesforce's SOAP parser does (fact METADATA-SOAP).
 */
export type ElementKind = 'boolean' | 'string' | 'int' | 'complex';

export interface MetadataTypeSpec {
  name: string;
  minVersion: number;
  /** `undefined` = accept any element (legacy ConnectedApp, whose schema is large). */
  elements?: Record<string, ElementKind>;
  required: string[];
  folder: string;
  suffix: string;
}

const s = 'string' as const;
const b = 'boolean' as const;
const i = 'int' as const;
const c = 'complex' as const;

export const METADATA_TYPES: Record<string, MetadataTypeSpec> = {
  ExternalClientApplication: {
    name: 'ExternalClientApplication',
    minVersion: 59,
    folder: 'externalClientApps',
    suffix: 'eca',
    required: ['contactEmail', 'label'],
    elements: {
      contactEmail: s,
      contactPhone: s,
      description: s,
      distributionState: s,
      iconUrl: s,
      infoUrl: s,
      isProtected: b,
      label: s,
      logoUrl: s,
      managedType: s,
      orgScopedExternalApp: s,
    },
  },
  ExtlClntAppOauthSettings: {
    name: 'ExtlClntAppOauthSettings',
    minVersion: 59,
    folder: 'extlClntAppOauthSettings',
    suffix: 'ecaOauth',
    required: ['externalClientApplication'],
    elements: {
      externalClientApplication: s,
      label: s,
      commaSeparatedOauthScopes: s,
      customAttributes: c,
      isFirstPartyAppEnabled: b,
      oauthLink: s,
      singleLogoutUrl: s,
      trustedIpRanges: c,
      clientAssertionCertificate: s,
      assetTokenConfig: c,
      isAssetTokenEnabled: b,
      commaSeparatedCustomScopes: s,
    },
  },
  ExtlClntAppGlobalOauthSettings: {
    name: 'ExtlClntAppGlobalOauthSettings',
    minVersion: 59,
    folder: 'extlClntAppGlobalOauthSets',
    suffix: 'ecaGlblOauth',
    required: ['externalClientApplication', 'callbackUrl'],
    elements: {
      externalClientApplication: s,
      label: s,
      callbackUrl: s,
      certificate: s,
      consumerKey: s,
      consumerSecret: s,
      idTokenConfig: c,
      isClientCredentialsFlowEnabled: b,
      isCodeCredFlowEnabled: b,
      isCodeCredPostOnly: b,
      isConsumerSecretOptional: b,
      isDeviceFlowEnabled: b,
      isIntrospectAllTokens: b,
      isNamedUserJwtEnabled: b,
      isPkceRequired: b,
      isRefreshTokenRotationEnabled: b,
      isSecretRequiredForRefreshToken: b,
      isSecretRequiredForTokenExchange: b,
      isTokenExchangeEnabled: b,
      shouldRotateConsumerKey: b,
      shouldRotateConsumerSecret: b,
    },
  },
  ExtlClntAppOauthConfigurablePolicies: {
    name: 'ExtlClntAppOauthConfigurablePolicies',
    minVersion: 59,
    folder: 'extlClntAppOauthPolicies',
    suffix: 'ecaOauthPlcy',
    required: ['externalClientApplication'],
    elements: {
      externalClientApplication: s,
      label: s,
      isClientCredentialsFlowEnabled: b,
      clientCredentialsFlowUser: s,
      permittedUsersPolicyType: s,
      commaSeparatedPermissionSet: s,
      commaSeparatedProfile: s,
      commaSeparatedCustomScopes: s,
      ipRelaxationPolicyType: s,
      refreshTokenPolicyType: s,
      refreshTokenValidityPeriod: i,
      refreshTokenValidityUnit: s,
      sessionTimeoutInMinutes: i,
      requiredSessionLevel: s,
      policyAction: s,
      isNamedUserJwtEnabled: b,
      namedUserJwtSessionTimeoutType: s,
      namedUserJwtTimeout: i,
      isGuestCodeCredFlowEnabled: b,
      isGuestJwtEnabled: b,
      guestJwtTimeout: i,
      isTokenExchangeFlowEnabled: b,
      apexHandler: s,
      executeHandlerAs: s,
      customAttributes: c,
      singleLogoutUrl: s,
      startUrl: s,
    },
  },
  ExtlClntAppConfigurablePolicies: {
    name: 'ExtlClntAppConfigurablePolicies',
    minVersion: 60,
    folder: 'extlClntAppPolicies',
    suffix: 'ecaPlcy',
    required: ['externalClientApplication'],
    elements: {
      externalClientApplication: s,
      label: s,
      isEnabled: b,
      isOauthPluginEnabled: b,
      isSamlPluginEnabled: b,
      isMobilePluginEnabled: b,
      isNotificationPluginEnabled: b,
      isPushPluginEnabled: b,
      isCanvasPluginEnabled: b,
      startPage: s,
      startUrl: s,
    },
  },
  ExternalClientAppSettings: {
    name: 'ExternalClientAppSettings',
    minVersion: 58,
    folder: 'settings',
    suffix: 'settings',
    required: [],
    elements: {
      enableClientSecretInRestApiAccess: b,
      enableConsumerSecretApiAccess: b,
      enableExternalClientApps: b,
      enablePackageEcaOauthFromDevOrg: b,
    },
  },
  ConnectedApp: {
    name: 'ConnectedApp',
    minVersion: 29,
    folder: 'connectedApps',
    suffix: 'connectedApp',
    required: ['contactEmail', 'label'],
  },
};

/** Defaults Salesforce fills in when an element is omitted (fact ECA-METADATA-TYPES). */
export const METADATA_DEFAULTS: Record<string, Record<string, string>> = {
  ExternalClientApplication: { distributionState: 'Local', isProtected: 'false' },
  ExtlClntAppGlobalOauthSettings: {
    isClientCredentialsFlowEnabled: 'false',
    isCodeCredFlowEnabled: 'false',
    isConsumerSecretOptional: 'false',
    isDeviceFlowEnabled: 'false',
    isIntrospectAllTokens: 'false',
    isNamedUserJwtEnabled: 'false',
    isPkceRequired: 'true',
    isRefreshTokenRotationEnabled: 'false',
    isSecretRequiredForRefreshToken: 'true',
    isSecretRequiredForTokenExchange: 'false',
    isTokenExchangeEnabled: 'false',
  },
  ExtlClntAppOauthConfigurablePolicies: {
    isClientCredentialsFlowEnabled: 'false',
    permittedUsersPolicyType: 'AllSelfAuthorized',
    ipRelaxationPolicyType: 'Enforce',
    refreshTokenPolicyType: 'Infinite',
    isTokenExchangeFlowEnabled: 'false',
  },
  ExtlClntAppConfigurablePolicies: {
    isEnabled: 'true',
    isOauthPluginEnabled: 'true',
    isSamlPluginEnabled: 'false',
    isMobilePluginEnabled: 'false',
    isNotificationPluginEnabled: 'false',
    isPushPluginEnabled: 'false',
    startPage: 'None',
  },
};
