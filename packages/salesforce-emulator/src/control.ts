/** /__emulator/* test-control API (JSON, both origins, never logged or delayed). */
import { z } from 'zod';
import type { Ctx } from './context';
import type { Emulator } from './emulator';
import { addClonedAdmin } from './cloned-admin';
import { FaultSpecSchema } from './faults';
import { json, type EmuResponse } from './http';
import type { SignInClient } from './org';
import { buildState } from './state';

const ClockSchema = z.object({ advanceMs: z.number() });
const LatencySchema = z.object({ ms: z.number().min(0) });
const ClonedAdminSchema = z.object({ username: z.string().email(), password: z.string().min(8) });
const ip = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/);
const LoginIpRangesSchema = z.object({ profile: z.string().min(1), ranges: z.array(z.object({ start: ip, end: ip })) });
const ClientSchema = z.object({ clientId: z.string().min(1), redirectUris: z.array(z.string()), pkceRequired: z.boolean().optional() });

function parseJson(body: string): unknown {
  try {
    return body.trim() ? JSON.parse(body) : {};
  } catch {
    return undefined;
  }
}

export function handleControl(emu: Emulator, ctx: Ctx): EmuResponse {
  const route = `${ctx.method} ${ctx.url.pathname.replace(/\/+$/, '')}`;
  const body = parseJson(ctx.body);
  const bad = (message: string): EmuResponse => json(400, { error: message });
  switch (route) {
    case 'GET /__emulator/state':
      return json(200, buildState(emu.org));
    case 'GET /__emulator/requests':
      return json(200, emu.log);
    case 'DELETE /__emulator/requests':
      emu.log = [];
      return json(200, { ok: true });
    case 'POST /__emulator/faults': {
      const parsed = FaultSpecSchema.safeParse(body);
      return parsed.success ? json(200, { id: emu.faults.add(parsed.data) }) : bad(parsed.error.message);
    }
    case 'DELETE /__emulator/faults':
      emu.faults.clear();
      return json(200, { ok: true });
    case 'POST /__emulator/reset':
      emu.reset();
      return json(200, { ok: true });
    case 'POST /__emulator/clock': {
      const parsed = ClockSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error.message);
      emu.advanceClock(parsed.data.advanceMs);
      return json(200, { now: new Date(emu.org.now()).toISOString() });
    }
    case 'POST /__emulator/latency': {
      const parsed = LatencySchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error.message);
      emu.latencyMs = parsed.data.ms;
      return json(200, { ok: true });
    }
    case 'POST /__emulator/sign-in-clients': {
      const parsed = ClientSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error.message);
      const err = registerSignInClient(emu, parsed.data);
      return err ? bad(err) : json(200, { ok: true });
    }
    case 'POST /__emulator/cloned-admins': {
      const parsed = ClonedAdminSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error.message);
      if (emu.org.userByUsername(parsed.data.username)) return bad('username taken');
      return json(200, { userId: addClonedAdmin(emu.org, parsed.data.username, parsed.data.password) });
    }
    case 'POST /__emulator/login-ip-ranges': {
      const parsed = LoginIpRangesSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error.message);
      return setLoginIpRanges(emu.org, parsed.data.profile, parsed.data.ranges) ? json(200, { ok: true }) : bad('no such profile');
    }
    default:
      return json(404, { error: `no control route ${route}` });
  }
}

/** Returns an error message when a callback is refused (switch rejectLoopbackIpCallback, fact OAUTH-LOOPBACK-CALLBACK). */
export function registerSignInClient(
  emu: Emulator,
  c: { clientId: string; redirectUris: string[]; pkceRequired?: boolean | undefined; refusal?: SignInClient['refusal'] | undefined },
): string | undefined {
  if (emu.org.switches.rejectLoopbackIpCallback && c.redirectUris.some((u) => u.startsWith('http://127.0.0.1'))) {
    return 'Callback URL: Cannot be an HTTP URL';
  }
  // Registering a callback does not install the app: an uninstalled one stays uninstalled.
  const installed = emu.org.signInClients.find((x) => x.clientId === c.clientId)?.installed;
  const client = {
    clientId: c.clientId,
    redirectUris: c.redirectUris,
    ...(c.pkceRequired !== undefined ? { pkceRequired: c.pkceRequired } : {}),
    ...(installed !== undefined ? { installed } : {}),
    ...(c.refusal !== undefined ? { refusal: c.refusal } : {}),
  };
  emu.org.signInClients = [...emu.org.signInClients.filter((x) => x.clientId !== c.clientId), client];
  emu.org.config.signInClients = [...emu.org.config.signInClients.filter((x) => x.clientId !== c.clientId), client];
  return undefined;
}

/** A profile's login IP ranges by its id or name; false when there is no such profile. */
export function setLoginIpRanges(org: Emulator['org'], profile: string, ranges: { start: string; end: string }[]): boolean {
  const found = org.store.all('Profile').find((p) => p.Id === profile || p.Name === profile);
  if (!found) return false;
  org.loginIpRanges.set(String(found.Id), ranges);
  return true;
}
