import type { ConnectionDetails } from '../../common';
import { flag, text } from './artifacts';
import { connectionCertificate } from './certificate-expiry';
import { artifactNames } from './names';
import type { ConnectionRecord } from './record-store';

export type SetupArtifact = 'app' | 'user' | 'permissionSet';

/** Deep links into Setup (Lightning), one per artifact. */
export function setupUrl(record: ConnectionRecord, artifact: SetupArtifact): string {
  const base = record.org.myDomainUrl.replace(/\/$/, '');
  const inSetup = (page: string, address?: string) =>
    `${base}/lightning/setup/${page}${address ? `/page?address=${encodeURIComponent(address)}` : '/home'}`;
  switch (artifact) {
    case 'app':
      return inSetup('ManageExternalClientApplication');
    case 'user':
      return inSetup('ManageUsers', `/${text(record.artifacts, 'integrationUser', 'id') ?? ''}?noredirect=1`);
    case 'permissionSet':
      return inSetup('PermSets', `/${text(record.artifacts, 'permissionSet', 'id') ?? ''}`);
  }
}

/** What the admin (and exports) see about a connection: ids, names, grants and links; never secrets. */
export function connectionDetails(orgId: string, record: ConnectionRecord, now: Date, userActive = true): ConnectionDetails {
  const names = artifactNames(record.agentName);
  const a = record.artifacts;
  const certificate = connectionCertificate(a, now);
  return {
    org: {
      id: orgId,
      name: record.org.name,
      environment: record.org.environment,
      myDomainUrl: record.org.myDomainUrl,
      audience: record.org.audience,
    },
    app: {
      label: names.appLabel,
      apiName: text(a, 'app', 'name') ?? names.appApiName,
      consumerKey: text(a, 'app', 'consumerKey') ?? '',
      createdAt: text(a, 'app', 'createdAt') ?? record.createdAt,
      setupUrl: setupUrl(record, 'app'),
    },
    user: {
      id: text(a, 'integrationUser', 'id') ?? '',
      name: names.userDisplayName,
      username: text(a, 'integrationUser', 'username') ?? '',
      active: userActive && !flag(a, 'integrationUser', 'deactivated'),
      licence: 'Salesforce Integration',
      profile: record.userProfile,
      setupUrl: setupUrl(record, 'user'),
    },
    permissionSet: {
      id: text(a, 'permissionSet', 'id') ?? '',
      label: names.permissionSetLabel,
      apiName: text(a, 'permissionSet', 'name') ?? names.permissionSetApiName,
      setupUrl: setupUrl(record, 'permissionSet'),
    },
    grants: record.grants,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastVerifiedAt: record.lastVerifiedAt,
    ...(record.lastCheckedAt && { lastCheckedAt: record.lastCheckedAt }),
    ...(certificate && { certificate }),
  };
}
