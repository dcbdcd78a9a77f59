/** Looks up an External Client App and its satellites (fact ECA-METADATA-TYPES) by header name or consumer key. */
import type { MdComponent, MdObject, MdValue, Org } from './org';

export const ECA_HEADER = 'ExternalClientApplication';
export const ECA_OAUTH = 'ExtlClntAppOauthSettings';
export const ECA_GLOBAL = 'ExtlClntAppGlobalOauthSettings';
export const ECA_OAUTH_POLICIES = 'ExtlClntAppOauthConfigurablePolicies';
export const ECA_POLICIES = 'ExtlClntAppConfigurablePolicies';
export const ECA_SATELLITES = [ECA_OAUTH, ECA_GLOBAL, ECA_OAUTH_POLICIES, ECA_POLICIES] as const;

export interface EcaBundle {
  header: MdComponent;
  oauth?: MdComponent;
  global?: MdComponent;
  oauthPolicies?: MdComponent;
  policies?: MdComponent;
}

export function textOf(fields: MdObject, key: string): string | undefined {
  const v: MdValue | undefined = fields[key];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

export function boolOf(fields: MdObject, key: string, fallback: boolean): boolean {
  const v = textOf(fields, key);
  if (v === undefined || v === '') return fallback;
  return v === 'true' || v === '1';
}

export function satellitesOf(org: Org, type: string, appFullName: string): MdComponent[] {
  const lower = appFullName.toLowerCase();
  return [...org.components(type).values()].filter((c) => textOf(c.fields, 'externalClientApplication')?.toLowerCase() === lower);
}

export function ecaBundle(org: Org, header: MdComponent): EcaBundle {
  const first = (type: string): MdComponent | undefined => satellitesOf(org, type, header.fullName)[0];
  const bundle: EcaBundle = { header };
  const oauth = first(ECA_OAUTH);
  const global = first(ECA_GLOBAL);
  const oauthPolicies = first(ECA_OAUTH_POLICIES);
  const policies = first(ECA_POLICIES);
  if (oauth) bundle.oauth = oauth;
  if (global) bundle.global = global;
  if (oauthPolicies) bundle.oauthPolicies = oauthPolicies;
  if (policies) bundle.policies = policies;
  return bundle;
}

export function ecaByConsumerKey(org: Org, consumerKey: string): EcaBundle | undefined {
  for (const g of org.components(ECA_GLOBAL).values()) {
    if (textOf(g.fields, 'consumerKey') !== consumerKey) continue;
    const headerName = textOf(g.fields, 'externalClientApplication') ?? '';
    const header = org.component(ECA_HEADER, headerName);
    if (header) return ecaBundle(org, header);
  }
  return undefined;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
