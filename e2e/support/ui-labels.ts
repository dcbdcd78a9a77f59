/**
 * What an admin reads on the Salesforce panel, in each language a journey runs in. Written out here
 * (not read from the catalogs) so a journey fails when the screen shows the wrong language.
 */
export interface UiLabels {
  connectors: string;
  settings: string;
  salesforce: string;
  signIn: string;
  signedInAs: (name: string, username: string) => RegExp;
  signedInOrg: (org: string) => string;
  activationAttempt: RegExp;
  turnOnAccess: string;
  save: string;
  cancel: string;
  progressSteps: string;
  enableTitle: string;
  removalTitle: string;
  mayTakeMinutes: string;
  activationSentence: string;
  detailsHeading: string;
  connected: string;
  notSetUp: string;
  integrationUser: string;
  permissionSet: string;
  export: string;
  /** The review that opens before each run (its title names the run). */
  reviewTitle: RegExp;
  reviewConfirm: RegExp;
  turnOffTitle: string;
  turnOffConfirm: string;
  userDeactivated: RegExp;
  removalSteps: string[];
  /** What the Turn off review lists, in the order it lists them. */
  reviewRemovals: string[];
  reconnect: string;
  recreate: string;
  updateAccess: string;
  changeAgentAccess: string;
  agentAccessDialog: string;
  searchFields: string;
  language: string;
}

export const english: UiLabels = {
  connectors: 'Connectors',
  settings: 'Settings',
  salesforce: 'Salesforce',
  signIn: 'Sign in',
  signedInAs: (name, username) => new RegExp(`Signed in as ${escape(name)} \\(${escape(username)}\\)`),
  signedInOrg: (org) => `Signed in to ${org}`,
  activationAttempt: /Attempt \d+ · next try in/,
  turnOnAccess: 'Turn on access',
  save: 'Save',
  cancel: 'Cancel',
  progressSteps: 'Steps',
  enableTitle: 'Turning on access',
  removalTitle: 'Removing the connection',
  mayTakeMinutes: 'This may take a few minutes. You can keep using the app meanwhile.',
  activationSentence: 'Salesforce can take up to 30 minutes to activate a new app.',
  detailsHeading: 'Connection details',
  connected: 'Connected',
  notSetUp: 'Not set up',
  integrationUser: 'Integration user',
  permissionSet: 'Permission set',
  export: 'Export',
  reviewTitle: /^Review: /,
  reviewConfirm: /^Confirm and /,
  turnOffTitle: 'Review: turn off access',
  turnOffConfirm: 'Confirm and turn off',
  userDeactivated: /The integration user is deactivated, not deleted/,
  removalSteps: [
    'Remove the external client app',
    'Remove the permission set assignment',
    'Free the licence',
    'Deactivate the integration user',
    'Delete the permission set',
  ],
  reviewRemovals: [
    'Delete the External Client App',
    'Delete the permission set assignment',
    'Delete the permission set licence assignment',
    'Deactivate (not delete) the integration user',
    'Delete the permission set Sales Agent',
  ],
  reconnect: 'Reconnect',
  recreate: 'Recreate',
  updateAccess: 'Update access',
  changeAgentAccess: 'Change agent access',
  agentAccessDialog: 'Agent access',
  searchFields: 'Search fields',
  language: 'Language',
};

export const swedish: UiLabels = {
  connectors: 'Kopplingar',
  settings: 'Inställningar',
  salesforce: 'Salesforce',
  signIn: 'Logga in',
  signedInAs: (name, username) => new RegExp(`Inloggad som ${escape(name)} \\(${escape(username)}\\)`),
  signedInOrg: (org) => `Inloggad i ${org}`,
  activationAttempt: /Försök \d+ · nästa försök om/,
  turnOnAccess: 'Slå på åtkomst',
  save: 'Spara',
  cancel: 'Avbryt',
  progressSteps: 'Steg',
  enableTitle: 'Slår på åtkomst',
  removalTitle: 'Tar bort anslutningen',
  mayTakeMinutes: 'Det kan ta några minuter. Du kan använda appen under tiden.',
  activationSentence: 'Det kan ta upp till 30 minuter innan Salesforce aktiverar en ny app.',
  detailsHeading: 'Anslutningsdetaljer',
  connected: 'Ansluten',
  notSetUp: 'Inte konfigurerad',
  integrationUser: 'Integrationsanvändare',
  permissionSet: 'Behörighetsuppsättning',
  export: 'Exportera',
  reviewTitle: /^Granska: /,
  reviewConfirm: /^Bekräfta och /,
  turnOffTitle: 'Granska: stäng av åtkomst',
  turnOffConfirm: 'Bekräfta och stäng av',
  userDeactivated: /Integrationsanvändaren inaktiveras, tas inte bort/,
  removalSteps: [
    'Ta bort den externa klientappen',
    'Ta bort tilldelningen av behörighetsuppsättningen',
    'Frigör licensen',
    'Inaktivera integrationsanvändaren',
    'Ta bort behörighetsuppsättningen',
  ],
  reviewRemovals: [
    'Ta bort den externa klientappen',
    'Ta bort tilldelningen av behörighetsuppsättningen',
    'Ta bort tilldelningen av behörighetsuppsättningslicensen',
    'Inaktivera (inte ta bort) integrationsanvändaren',
    'Ta bort behörighetsuppsättningen Sales Agent',
  ],
  reconnect: 'Återanslut',
  recreate: 'Skapa om',
  updateAccess: 'Uppdatera åtkomst',
  changeAgentAccess: 'Ändra agentens åtkomst',
  agentAccessDialog: 'Agentens åtkomst',
  searchFields: 'Sök fält',
  language: 'Språk',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
