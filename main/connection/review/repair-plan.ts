import type { PermissionChange, PlanArtifact, PlanConsequence, PlanLicence, RebuildReason, RunKind, RunPlan } from '../../../common';
import type { OrgSnapshot } from '../org/discovery';
import type { ArtifactNames } from '../org/names';
import type { OrgConnectionState } from '../record/record-store';
import type { Artifacts } from '../steps/results';

/** What Repair's plan is made from (a part of review-body.ts's PlanInputs). */
export interface RepairInputs {
  names: ArtifactNames;
  artifacts: Artifacts;
  snapshot: Pick<OrgSnapshot, 'users'>;
  access: PermissionChange[];
}

type Body = Pick<RunPlan, 'artifacts' | 'licences' | 'oauth' | 'consequences'>;

/**
 * Repair's plan: what it brings back in place, read from the org now (the user's state) and from the
 * last check (a removed licence or assignment); the app and key are kept, named as kept.
 */
export function repairBody(inputs: RepairInputs, broken: readonly string[], seats: readonly PlanLicence[]): Body {
  const { names, artifacts: a } = inputs;
  const found = inputs.snapshot.users.find((u) => u.id === a.integrationUser?.id);
  const inactive = found ? !found.active : broken.includes('user inactive');
  const readds = (part: string): PlanArtifact['action'] => (broken.includes(part) ? 'create' : 'keep');
  const artifacts: PlanArtifact[] = [
    {
      part: 'permissionSet',
      action: inputs.access.length > 0 ? 'update' : 'keep',
      name: names.permissionSetLabel,
      apiName: names.permissionSetApiName,
    },
    { part: 'user', action: inactive ? 'reactivate' : 'keep', name: a.integrationUser?.username ?? names.userDisplayName },
    { part: 'licence', action: readds('licence'), name: 'Salesforce API Integration' },
    { part: 'assignment', action: readds('assignment'), name: names.permissionSetLabel },
    { part: 'key', action: 'keep', name: `${names.appLabel} certificate` },
    { part: 'app', action: 'keep', name: names.appLabel, apiName: names.appApiName },
  ];
  const consequences: PlanConsequence[] = ['credentialsKeepWorking'];
  if (inputs.access.some((c) => c.widens)) consequences.push('accessWidens');
  // A reactivated user takes its Salesforce Integration seat again (fact INTEGRATION-SEATS).
  const seat = seats.filter((l) => l.licence === 'integrationUser');
  return { artifacts, licences: inactive ? seat : [], oauth: null, consequences };
}

/**
 * Why a rebuild is the way, from the last check's finding, or the smaller run that would do: the
 * Reconnect and Recreate reviews say it at the top.
 */
export function whyRebuild(kind: RunKind, saved: OrgConnectionState): RebuildReason | undefined {
  if (kind !== 'reconnect' && kind !== 'recreate') return undefined;
  const broken = saved.drift?.brokenArtifacts ?? [];
  if (saved.error?.code === 'CONNECTION_OWNED_ELSEWHERE') return 'ownedElsewhere';
  if (broken.includes('app')) return 'appGone';
  if (broken.includes('user')) return 'userGone';
  if (broken.includes('permissionSet')) return 'permissionSetGone';
  if (saved.error?.action === 'repair') return 'repairWouldDo';
  if (broken.includes('agent sign-in') || broken.includes('certificate expired')) return 'signInRefused';
  if (saved.status === 'drift') return 'updateAccessWouldDo';
  return 'nothingBroken';
}

export const whyRebuildText: Record<RebuildReason, string> = {
  appGone: 'Why a rebuild: the External Client App was deleted in Salesforce, and only a new app brings it back.',
  userGone: 'Why a rebuild: the integration user is no longer in the org.',
  permissionSetGone: 'Why a rebuild: the permission set was deleted, and the app pre-authorises the agent through it.',
  signInRefused: 'Why a rebuild: Salesforce refuses the agent although every part is in place; try the fix the check named first.',
  ownedElsewhere: 'Why a rebuild: another Agent Connections install manages this connection.',
  repairWouldDo: 'Something smaller would do: Repair brings the user, its licence and assignment back and keeps the consumer key.',
  updateAccessWouldDo: "Something smaller would do: Update access changes only the permission set's grants.",
  nothingBroken: 'The last check found nothing broken: a rebuild is not needed.',
};
