/**
 * Every artifact's names follow from the agent's name, so two agents in one org never collide and
 * the app can recognise its own work by the marker in each description.
 */
export const MARKER = '[agent-connections]';

export interface ArtifactNames {
  agentName: string;
  appLabel: string;
  appApiName: string;
  oauthSettingsName: string;
  globalOauthSettingsName: string;
  configurablePoliciesName: string;
  /** Used only where Salesforce did not make the app's OAuth policies itself (fact ECA-POLICIES). */
  oauthPoliciesName: string;
  userFirstName: string;
  userLastName: string;
  userDisplayName: string;
  permissionSetLabel: string;
  permissionSetApiName: string;
  /** Every description carries this, so the app can tell its artifacts from someone else's. */
  description: string;
}

/**
 * A Salesforce developer name: letters, digits and single underscores, starting with a letter and
 * not ending with an underscore (docs/salesforce.md), within `max` characters.
 */
export function developerName(text: string, max = 40): string {
  const words = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let name = words.join('_');
  if (!/^[A-Za-z]/.test(name)) name = `A_${name}`;
  name = name.slice(0, max).replace(/_+$/, '');
  return name;
}

export const DEVELOPER_NAME = /^(?!.*__)[A-Za-z]([A-Za-z0-9_]*[A-Za-z0-9])?$/;

export function artifactNames(agentName: string): ArtifactNames {
  const base = developerName(agentName, 24);
  const app = `${base}_ECA`;
  return {
    agentName,
    appLabel: `${agentName} external client app`,
    appApiName: app,
    oauthSettingsName: `${app}_oauth`,
    globalOauthSettingsName: `${app}_glbloauth`,
    configurablePoliciesName: `${app}_plcy`,
    oauthPoliciesName: `${app}_oauthPlcy`,
    userFirstName: agentName,
    userLastName: 'integration user',
    userDisplayName: `${agentName} integration user`,
    permissionSetLabel: `${agentName} permission set`,
    permissionSetApiName: `${base}_Permission_Set`,
    description: `Created by Agent Connections for the agent "${agentName}". ${MARKER}`,
  };
}

export function isOurs(description: unknown): boolean {
  return typeof description === 'string' && description.includes(MARKER);
}

/** Which connection, made by which install of the app, an artifact belongs to. */
export interface Owner {
  connectionId: string;
  installId: string;
}

const OWNER = /Agent Connections · connection ([A-Za-z0-9-]+) · install ([A-Za-z0-9-]+)/;

/** The description an artifact of this connection carries: the marker, then its owner (read back by `ownerOf`). */
export function ownedDescription(names: Pick<ArtifactNames, 'description'>, owner: Owner | null): string {
  return owner
    ? `${names.description} Agent Connections · connection ${owner.connectionId} · install ${owner.installId}`
    : names.description;
}

/** The owner a description names; null for someone else's artifact or one made before owners were recorded. */
export function ownerOf(description: unknown): Owner | null {
  if (!isOurs(description)) return null;
  const found = OWNER.exec(String(description));
  return found?.[1] && found[2] ? { connectionId: found[1], installId: found[2] } : null;
}

/** Ours, but managed by another install of the app: never replaced or removed without a take-over. */
export function ownedElsewhere(description: unknown, installId: string): boolean {
  const owner = ownerOf(description);
  return owner !== null && owner.installId !== installId;
}

/** The integration user's username domain is our marker: usernames are global and stay reserved. */
export const USERNAME_DOMAIN = 'agent-connections.invalid';

export function integrationUsername(agentName: string, orgId: string, suffix: string): string {
  const slug = developerName(agentName, 24).toLowerCase().replace(/_/g, '-');
  return `${slug}.${suffix}@${orgId.slice(0, 15).toLowerCase()}.${USERNAME_DOMAIN}`;
}

/**
 * Ours, also as a sandbox copy: the copy appends `.<sandbox name>` (a letter, then up to 9 letters or
 * digits) to every username, and may prepend characters when that is not unique (fact SANDBOX-REFRESH).
 */
const OUR_USERNAME = new RegExp(`\\.${USERNAME_DOMAIN.replace(/\./g, '\\.')}(\\.[a-z][a-z0-9]{0,9})?$`, 'i');

export function isOurUsername(username: unknown): boolean {
  return typeof username === 'string' && OUR_USERNAME.test(username);
}
