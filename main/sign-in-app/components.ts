import { SIGN_IN_APP_API_NAME as APP, SIGN_IN_APP_LABEL as LABEL, SIGN_IN_PERMISSION_SET_API_NAME as PERMISSION_SET } from '../../common';
import { CALLBACK_PATH } from '../auth/sign-in-flow';
import { MARKER } from '../connection/org/names';
import { ECA } from '../connection/steps/external-client-app';
import type { MetadataRecord } from '../salesforce/metadata';

export const SIGN_IN_DESCRIPTION = `Created by Agent Connections for admins to sign in to the app. ${MARKER}`;

export const names = {
  app: APP,
  oauth: `${APP}_oauth`,
  global: `${APP}_glbloauth`,
  configurable: `${APP}_plcy`,
  oauthPolicies: `${APP}_oauthPlcy`,
} as const;

/** Policy names only this app can have: ours, and the ones Salesforce derives from its names (fact ECA-POLICIES). */
export const policyNames: Record<typeof ECA.configurable | typeof ECA.oauthPolicies, string[]> = {
  [ECA.configurable]: [`${APP}_defaultPolicy`, names.configurable],
  [ECA.oauthPolicies]: [`${names.oauth}_defaultPolicy`, `${APP}_defaultPolicy`, names.oauthPolicies],
};

export const callbackUrl = (port: number): string => `http://localhost:${port}${CALLBACK_PATH}`;

/**
 * Header, OAuth settings and global OAuth settings of the sign-in app: web server flow with PKCE
 * and a loopback callback, no consumer secret, no certificate (no JWT), no client credentials.
 */
export function appComponents(port: number, contactEmail: string): [string, MetadataRecord][] {
  return [
    [
      ECA.header,
      { fullName: APP, contactEmail, description: SIGN_IN_DESCRIPTION, distributionState: 'Local', isProtected: false, label: LABEL },
    ],
    [ECA.oauth, { fullName: names.oauth, commaSeparatedOauthScopes: 'Api,RefreshToken,Web', externalClientApplication: APP, label: LABEL }],
    [
      ECA.global,
      {
        fullName: names.global,
        callbackUrl: callbackUrl(port),
        externalClientApplication: APP,
        isClientCredentialsFlowEnabled: false,
        isConsumerSecretOptional: true,
        isIntrospectAllTokens: false,
        isPkceRequired: true,
        isSecretRequiredForRefreshToken: false,
        label: LABEL,
      },
    ],
  ];
}

export function configurablePolicies(fullName: string): MetadataRecord {
  return { fullName, externalClientApplication: APP, isEnabled: true, isOauthPluginEnabled: true, label: LABEL };
}

/**
 * Admin-approved users are pre-authorised through the permission set (fact ECA-PREAUTHORIZE-PERMISSION-SET),
 * which is also what lets the app through API Access Control (fact API-ACCESS-CONTROL).
 */
export function oauthPolicies(fullName: string): MetadataRecord {
  return {
    fullName,
    commaSeparatedPermissionSet: PERMISSION_SET,
    externalClientApplication: APP,
    ipRelaxationPolicyType: 'Enforce',
    isClientCredentialsFlowEnabled: false,
    label: LABEL,
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
    requiredSessionLevel: 'STANDARD',
  };
}
