/** The Metadata API's SOAP endpoint, /services/Soap/m/XX.X: session and rights, then the CRUD calls (metadata.ts) or deploy and retrieve (deploy.ts). */
import type { Ctx } from './context';
import { checkDeployStatus, checkRetrieveStatus, deploy, retrieve } from './deploy';
import { xml, type EmuResponse } from './http';
import { response, runCrudOperation } from './metadata';
import type { Org } from './org';
import { envelope, faultResponse, parseSoapRequest, SoapFault, type SoapRequest } from './soap';
import { checkSession } from './tokens';
import { MAX_VERSION, MIN_SOAP_VERSION } from './versions';

const INVALID_SESSION = 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session';

export function handleSoap(ctx: Ctx): EmuResponse {
  try {
    if (ctx.method !== 'POST') throw new SoapFault('soapenv:Client', 'SOAP requests must use HTTP POST');
    const version = Number(/^\/services\/Soap\/m\/(\d+\.\d)\/?/.exec(ctx.url.pathname)?.[1] ?? 'NaN');
    if (!(version >= MIN_SOAP_VERSION && version <= MAX_VERSION))
      throw new SoapFault('sf:UNSUPPORTED_API_VERSION', `UNSUPPORTED_API_VERSION: Invalid Api version specified on URL`);
    const req = parseSoapRequest(ctx.body);
    const session = checkSession(ctx.org, req.sessionId);
    if (!session) throw new SoapFault('sf:INVALID_SESSION_ID', INVALID_SESSION);
    const perms = session.principal.perms;
    if (!perms.has('PermissionsModifyAllData') && !perms.has('PermissionsModifyMetadata')) {
      throw new SoapFault(
        'sf:INSUFFICIENT_ACCESS',
        'INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
      );
    }
    return xml(200, envelope(runOperation(ctx.org, req, version)));
  } catch (e) {
    if (e instanceof SoapFault) return faultResponse(e);
    throw e;
  }
}

function runOperation(org: Org, req: SoapRequest, version: number): string {
  switch (req.operation) {
    case 'deploy':
      return response('deploy', [deploy(org, req, version)]);
    case 'checkDeployStatus':
      return response('checkDeployStatus', [checkDeployStatus(org, req)]);
    case 'retrieve':
      return response('retrieve', [retrieve(org, req, version)]);
    case 'checkRetrieveStatus':
      return response('checkRetrieveStatus', [checkRetrieveStatus(org, req)]);
    default: {
      const crud = runCrudOperation(org, req, version);
      if (crud !== undefined) return crud;
      throw new SoapFault('soapenv:Client', `No operation available for request {http://soap.sforce.com/2006/04/metadata}${req.operation}`);
    }
  }
}
