import { describe, expect, it } from 'vitest';
import { artifactNames, DEVELOPER_NAME, developerName, integrationUsername, isOurUsername } from './names';

describe('artifact names from the agent name', () => {
  it('gives the labels the admin sees and valid API names', () => {
    const names = artifactNames('Sales Agent');
    expect(names.appLabel).toBe('Sales Agent external client app');
    expect(names.userDisplayName).toBe('Sales Agent integration user');
    expect(names.permissionSetLabel).toBe('Sales Agent permission set');
    for (const apiName of [names.appApiName, names.permissionSetApiName, names.oauthSettingsName, names.globalOauthSettingsName]) {
      expect(apiName).toMatch(DEVELOPER_NAME);
    }
  });

  it.each(['9 Lives Bot', 'Agent  __ trailing_', 'Ünïcode Agent', 'A'.repeat(60)])('turns %j into a valid developer name', (name) => {
    expect(developerName(name)).toMatch(DEVELOPER_NAME);
    expect(developerName(name).length).toBeLessThanOrEqual(40);
  });

  it('two agents in one org get different names', () => {
    expect(artifactNames('Sales Agent').permissionSetApiName).not.toBe(artifactNames('Service Agent').permissionSetApiName);
  });

  it("marks the integration user's username so the app recognises it", () => {
    const username = integrationUsername('Sales Agent', '00D5g000004abcdEAA', 'a1b2c3');
    expect(username).toMatch(/^sales-agent\.a1b2c3@00d5g000004abcd\.agent-connections\.invalid$/);
    expect(isOurUsername(username)).toBe(true);
    expect(isOurUsername('dana.admin@contoso.example')).toBe(false);
  });

  it('still recognises the integration user in a sandbox copy, where the sandbox name is appended', () => {
    const username = integrationUsername('Sales Agent', '00D5g000004abcdEAA', 'a1b2c3');
    expect(isOurUsername(`${username}.uat`)).toBe(true);
    expect(isOurUsername(`00x7Vq${username}.Uat2`)).toBe(true);
    expect(isOurUsername(`${username}.uat.qa`)).toBe(false);
    expect(isOurUsername(`${username}.toolongname1`)).toBe(false);
    expect(isOurUsername('dana.admin@contoso.example.uat')).toBe(false);
  });
});
