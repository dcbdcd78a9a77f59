import type { ConnectionDetails } from '../../../common';
import { connectionCertificate } from './certificate-expiry';
import { artifactNames } from '../org/names';
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
      return inSetup('ManageUsers', `/${record.artifacts.integrationUser?.id ?? ''}?noredirect=1`);
    case 'permissionSet':
      return inSetup('PermSets', `/${record.artifacts.permissionSet?.id ?? ''}`);
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
      apiName: a.app?.name ?? names.appApiName,
      consumerKey: a.app?.consumerKey ?? '',
      createdAt: a.app?.createdAt ?? record.createdAt,
      setupUrl: setupUrl(record, 'app'),
    },
    user: {
      id: a.integrationUser?.id ?? '',
      name: names.userDisplayName,
      username: a.integrationUser?.username ?? '',
      active: userActive && a.integrationUser?.deactivated !== true,
      licence: 'Salesforce Integration',
      profile: record.userProfile,
      setupUrl: setupUrl(record, 'user'),
    },
    permissionSet: {
      id: a.permissionSet?.id ?? '',
      label: names.permissionSetLabel,
      apiName: a.permissionSet?.name ?? names.permissionSetApiName,
      setupUrl: setupUrl(record, 'permissionSet'),
    },
    grants: record.grants,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastVerifiedAt: record.lastVerifiedAt,
    ...(record.lastCheckedAt && { lastCheckedAt: record.lastCheckedAt }),
    ...(certificate && { certificate }),
    ...(record.notInOrg?.length && { notInOrg: record.notInOrg }),
  };
}
