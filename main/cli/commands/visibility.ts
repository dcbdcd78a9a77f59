import type { VisibilityReport } from '../../../common';
import type { CliCommand } from '../command';

/** The `--json` shape the issue promises: one entry per object, counts, reason and fix. */
export function visibilityJson(report: VisibilityReport): {
  objects: { object: string; agentCanSee: number | null; adminCanSee: number | null; reason: string; fix: string }[];
} {
  return {
    objects: report.objects.map(({ object, agentCanSee, adminCanSee, reason, fix }) => ({ object, agentCanSee, adminCanSee, reason, fix })),
  };
}

/**
 * What the agent sees of each object in its access, counted with its own token, and why (fact
 * OWD-SOURCES). Reads only; a fix goes through `access` and Update access, where the admin confirms it.
 */
const visibility: CliCommand = {
  name: 'visibility',
  summary: 'Show how many records of each object the agent sees (as the agent) against the admin, why, and the fix.',
  usage: '[--json]',
  options: {},
  async run(context) {
    const { connection } = (await context.start({ launchBrowser: false })).app;
    const report = await connection.visibility();
    context.result(visibilityJson(report));
    for (const o of report.objects) {
      context.io.out(`${o.agentCanSee !== null && o.adminCanSee !== null && o.agentCanSee < o.adminCanSee ? '!' : ' '} ${o.message}`);
      if (o.unreadableFields.length > 0) context.io.out(`  Fields it cannot read: ${o.unreadableFields.join(', ')}`);
    }
    return 0;
  },
};

export const visibilityCommands: CliCommand[] = [visibility];
