/**
 * Connect REST OAuth resources (fact ECA-CONSUMER-SECRET-READ): app usage list and consumer credentials. Credentials are
 * served only when ExternalClientAppSettings.enableClientSecretInRestApiAccess is on (v62+ setting).
 */
import { boolOf, ECA_GLOBAL, ECA_HEADER, ecaBundle, textOf } from './eca';
import { json, restError, type EmuResponse } from './http';
import type { MdComponent } from './org';
import type { RestRequest } from './rest-request';

function findApp(req: RestRequest, appId: string): MdComponent | undefined {
  return [...req.org.components(ECA_HEADER).values()].find((h) => h.id === appId || h.id.slice(0, 15) === appId || h.fullName === appId);
}

export function handleConnect(req: RestRequest, seg: string[]): EmuResponse {
  const notFound = restError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (seg[0] !== 'oauth' || Number(req.version) < 60) return notFound;
  if (req.method !== 'GET') return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`);
  const p = req.principal;
  if (!p.isAdmin && !p.perms.has('PermissionsCustomizeApplication')) {
    return restError(403, 'INSUFFICIENT_ACCESS', "You don't have permission to view OAuth credentials.");
  }
  if (seg[1] === 'usage' && seg.length === 2) return usage(req);
  if (seg[1] !== 'credentials' || seg.length < 3 || seg.length > 4) return notFound;
  const settings = req.org.component('ExternalClientAppSettings', 'ExternalClientApp');
  if (!settings || !boolOf(settings.fields, 'enableClientSecretInRestApiAccess', false)) {
    return restError(
      403,
      'FUNCTIONALITY_NOT_ENABLED',
      'Access to consumer secrets through the REST API is disabled. Enable it in External Client App Settings.',
    );
  }
  const app = findApp(req, seg[2] ?? '');
  if (!app) return notFound;
  const global = ecaBundle(req.org, app).global;
  const base = `/services/data/v${req.version}/apps/oauth/credentials/${app.id}`;
  if (seg.length === 3) {
    return json(200, { consumers: global ? [{ id: global.id, name: global.fullName, url: `${base}/${global.id}` }] : [] });
  }
  if (!global || (global.id !== seg[3] && global.id.slice(0, 15) !== seg[3])) return notFound;
  const part = req.query.get('part') ?? 'keyandsecret';
  const out: Record<string, string> = { id: global.id };
  if (part === 'key' || part === 'keyandsecret') out.key = textOf(global.fields, 'consumerKey') ?? '';
  if (part === 'secret' || part === 'keyandsecret') out.secret = textOf(global.fields, 'consumerSecret') ?? '';
  return json(200, out);
}

function usage(req: RestRequest): EmuResponse {
  const apps = [...req.org.components(ECA_HEADER).values()].map((h) => ({
    developerName: h.fullName,
    identifier: h.id,
    name: textOf(h.fields, 'label') ?? h.fullName,
    type: 'ExternalClientApp',
    hasConsumer: [...req.org.components(ECA_GLOBAL).values()].some((g) => textOf(g.fields, 'externalClientApplication') === h.fullName),
  }));
  return json(200, { apps, currentPageUrl: `/services/data/v${req.version}/apps/oauth/usage`, nextPageUrl: null, totalSize: apps.length });
}
