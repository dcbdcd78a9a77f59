import type { ConnectionDetails, Drift, Grant } from '../../../common';
import { connectionCertificate } from './certificate-expiry';
import { artifactNames } from '../org/names';
import { lastCheckedOf, type ConnectionRecord } from './record-store';

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

/** The grants the last check still found on the permission set: one removed in the org is no longer listed as granted. */
function grantsStillThere(grants: readonly Grant[], drift: Drift | undefined): Grant[] {
  if (!drift) return [...grants];
  const missing = new Set([...drift.missingObjects, ...drift.missingFields].map((name) => name.toLowerCase()));
  return grants.filter((g) => !missing.has((g.field ? `${g.object}.${g.field}` : g.object).toLowerCase()));
}

/**
 * What the admin (and exports) see about a connection: ids, names, grants and links; never secrets.
 * `drift` is what the last check found in the org, so the details never show what is no longer so.
 */
export function connectionDetails(orgId: string, record: ConnectionRecord, now: Date, drift?: Drift): ConnectionDetails {
  const names = artifactNames(record.agentName);
  const a = record.artifacts;
  const certificate = connectionCertificate(a, now);
  const userActive = !(drift?.brokenArtifacts.includes('user inactive') ?? false);
  const lastCheckedAt = lastCheckedOf(record);
  return {
    org: {
      id: orgId,
      name: record.org.name,
      environment: record.org.environment,
      myDomainUrl: record.org.myDomainUrl,
      audience: record.org.audience,
    },
    app: {
      ...(a.app?.id && { id: a.app.id }),
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
    grants: grantsStillThere(record.grants, drift),
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastVerifiedAt: record.lastVerifiedAt,
    ...(lastCheckedAt && { lastCheckedAt }),
    ...(certificate && { certificate }),
    ...(record.notInOrg?.length && { notInOrg: record.notInOrg }),
  };
}
