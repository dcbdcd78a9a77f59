import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { componentsInZip, componentXml, deployable, manifestXml, removalZip, saveZip } from './metadata-files';

const filesOf = (zipBase64: string): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(Buffer.from(zipBase64, 'base64'))).map(([path, data]) => [path, strFromU8(data)]));

describe('the deploy files of the External Client App types (fact ECA-CRUD-CALLS)', () => {
  it('a save zip has package.xml naming each component and one file per component, where Salesforce looks for it', () => {
    const files = filesOf(
      saveZip('66.0', 'ExtlClntAppGlobalOauthSettings', [
        {
          fullName: 'Agent_ECA_glbloauth',
          externalClientApplication: 'Agent_ECA',
          isPkceRequired: false,
          callbackUrl: 'https://x/?a=1&b=<2>',
        },
      ]),
    );
    expect(Object.keys(files).sort()).toEqual(['extlClntAppGlobalOauthSets/Agent_ECA_glbloauth.ecaGlblOauth', 'package.xml']);
    expect(files['package.xml']).toContain(
      '<types><members>Agent_ECA_glbloauth</members><name>ExtlClntAppGlobalOauthSettings</name></types><version>66.0</version>',
    );
    const file = files['extlClntAppGlobalOauthSets/Agent_ECA_glbloauth.ecaGlblOauth'] ?? '';
    expect(file).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ExtlClntAppGlobalOauthSettings xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/,
    );
    // WSDL order, values escaped, and no fullName element: the file name carries it.
    expect(file).toContain(
      '<callbackUrl>https://x/?a=1&amp;b=&lt;2&gt;</callbackUrl><externalClientApplication>Agent_ECA</externalClientApplication><isPkceRequired>false</isPkceRequired>',
    );
    expect(file).not.toContain('fullName');
  });

  it('each type has its own folder and suffix', () => {
    const paths = (type: string) => Object.keys(filesOf(saveZip('66.0', type, [{ fullName: 'A' }]))).filter((p) => p !== 'package.xml');
    expect(paths('ExternalClientApplication')).toEqual(['externalClientApps/A.eca']);
    expect(paths('ExtlClntAppOauthSettings')).toEqual(['extlClntAppOauthSettings/A.ecaOauth']);
    expect(paths('ExtlClntAppOauthConfigurablePolicies')).toEqual(['extlClntAppOauthPolicies/A.ecaOauthPlcy']);
    expect(paths('ExtlClntAppConfigurablePolicies')).toEqual(['extlClntAppPolicies/A.ecaPlcy']);
    expect(deployable('ExternalClientAppSettings')).toBe(false);
  });

  it('a removal zip is an empty package.xml and a destructiveChanges.xml naming what goes', () => {
    const files = filesOf(removalZip('66.0', 'ExternalClientApplication', ['Agent_ECA']));
    expect(Object.keys(files).sort()).toEqual(['destructiveChanges.xml', 'package.xml']);
    expect(files['package.xml']).toBe(manifestXml('66.0'));
    expect(files['package.xml']).not.toContain('<types>');
    expect(files['destructiveChanges.xml']).toContain('<types><members>Agent_ECA</members><name>ExternalClientApplication</name></types>');
  });

  it('reads the components of a retrieve zip back as readMetadata answers them, fullName from the file name', () => {
    const retrieved = Buffer.from(
      zipSync({
        'package.xml': strToU8(manifestXml('66.0', 'ExtlClntAppGlobalOauthSettings', ['G'])),
        'extlClntAppGlobalOauthSets/G.ecaGlblOauth': strToU8(
          componentXml('ExtlClntAppGlobalOauthSettings', { fullName: 'G', consumerKey: 'AC123', isPkceRequired: true }),
        ),
        'extlClntAppOauthSettings/O.ecaOauth': strToU8(componentXml('ExtlClntAppOauthSettings', { fullName: 'O', label: 'x' })),
      }),
    ).toString('base64');
    expect(componentsInZip(retrieved, 'ExtlClntAppGlobalOauthSettings')).toEqual([
      { fullName: 'G', consumerKey: 'AC123', isPkceRequired: 'true' },
    ]);
    expect(componentsInZip(retrieved, 'ExternalClientApplication')).toEqual([]);
  });
});
