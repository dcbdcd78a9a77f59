import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAgainstEmulator, loginCli, cliRunner } from '../../../test/support/cli-run';
import { emulatorAdminAuth } from '../../../test/support/connection/emulator-session';
import { authCommands } from '../auth-commands';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';
import { keyRotationCommands } from './key-rotation';

const commands = [...authCommands, ...enableCommands, ...connectionCommands, ...keyRotationCommands];
const { emulator } = cliAgainstEmulator(commands);
const cli = cliRunner(commands);
const PASSPHRASE = { AGENT_CREDENTIALS_PASSPHRASE: 'correct horse battery staple' };

describe("the CLI hands the agent's key only to the connection's admin", () => {
  it('a Standard User who logs in is refused export-credentials, rotate-key and a take-over, with a clear reason', async () => {
    expect((await loginCli(cli, emulator())).code).toBe(0);
    expect((await cli(['enable', '--yes'])).code).toBe(0);

    const standard = emulator().users.nonAdmin;
    const token = (await (await emulatorAdminAuth(emulator(), {}, standard)).session()).connection.accessToken ?? '';
    expect((await loginCli(cli, emulator(), { token })).code).toBe(0);
    const out = join(process.env.AGENT_CONNECTIONS_DATA_DIR ?? '', '..', 'agent.json');

    const exported = await cli(['export-credentials', '--out', out], PASSPHRASE);
    expect(exported.code).not.toBe(0);
    expect(exported.err).toMatch(/Only an admin with the connection's rights may export the agent's credentials/);
    expect(exported.err).toContain(standard.username);
    expect(existsSync(out)).toBe(false);

    const rotated = await cli(['rotate-key', '--yes']);
    expect(rotated.code).not.toBe(0);
    expect(rotated.err).toMatch(/Only an admin with the connection's rights may rotate the agent's key/);

    const takenOver = await cli(['reconnect', '--yes', '--take-over', '--hand-over']);
    expect(takenOver.code).not.toBe(0);
    expect(takenOver.err).toMatch(/Only an admin with the connection's rights may take the connection over/);
  });
});
