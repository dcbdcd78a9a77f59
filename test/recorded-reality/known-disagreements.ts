/**
 * Where the emulator answers differently from a recording, on purpose or not yet: each with why, and
 * the fact of docs/salesforce.md that holds both sources. The replay suite fails on any difference
 * not listed here, and on an entry that no longer matches anything.
 */
export interface KnownDisagreement {
  /** Recording file under recordings/, or '*' for every recording. */
  recording: string;
  pattern: RegExp;
  why: string;
}

export const KNOWN_DISAGREEMENTS: KnownDisagreement[] = [
  {
    recording: '*',
    pattern: /body(\.sobjects\[\])?\.urls\.\w+: in the recording, not answered by the emulator/,
    why: 'Which URLs a describe lists varies by object and org (layouts, list views, approval layouts); nothing in the app follows them.',
  },
  {
    recording: '*',
    pattern:
      /describe body\.(associateEntityType|associateParentEntity|sobjectDescribeOption): answered by the emulator, not in the recording/,
    why: "Newer API versions add these keys (the Event recording has them, the older Account recording not); CumulusCI's cassettes hide the version (vxx.0).",
  },
  {
    recording: 'cumulusci/organization-record.json',
    pattern: /00D0xORGID00000000 body\.\w+: in the recording, not answered by the emulator/,
    why: 'A record read without `fields` answers every field; the emulator answers the Organization fields it models. The app always names its fields (fact ORG-TYPE).',
  },
  {
    recording: 'salesforce-cli/query-columns.json',
    pattern:
      /q=SELECT (Name, \(SELECT LastName FROM Contacts\) FROM Account|CampaignId, AVG\(Amount\) FROM Opportunity GROUP BY CampaignId): (status|error codes)/,
    why: "The emulator's SOQL has no parent-child subqueries and no GROUP BY (it refuses them with MALFORMED_QUERY); the app sends neither (the lifecycle suite checks every query it sends).",
  },
  {
    recording: '*',
    pattern:
      /field (PermissionSet|Profile)\.Permissions(ApproveUninstalledConnectedApps|UseAnyApiClient): described by the emulator, the recorded org has no such field/,
    why: 'Both permissions are newer than the recorded org: "Approve Uninstalled Connected Apps" came in September 2025 and "Use Any API Client" with API Access Control (facts UNINSTALLED-APP-ACCESS, API-ACCESS-CONTROL).',
  },
];

export function isKnown(recording: string, diff: string): boolean {
  return KNOWN_DISAGREEMENTS.some((k) => (k.recording === '*' || k.recording === recording) && k.pattern.test(diff));
}
