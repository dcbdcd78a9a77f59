import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppFailure, appError, toAppError, type AppError } from '../../common/app-error-schema';
import { callbackPageHeaders, failedPage, renderCallbackPage, signedInPage, type CallbackPage } from './callback-page';
import { describePortHolder, findPortHolder } from './port-holder';
import { statesMatch } from './state';

export interface LoopbackOptions {
  port: number;
  /** The redirect URI's path, e.g. `/OauthRedirect`; every other path answers 404. */
  path: string;
  expectedState: string;
  timeoutMs: number;
  /** Finishes the sign-in with the code; the tab shows success only when this resolves. */
  onCode(code: string): Promise<void>;
  /** What the admin can do when the port is taken: only the sign-in client knows which ports it accepts. */
  portInUseAdvice?: () => Promise<string>;
}

const defaultPortAdvice = () => Promise.resolve('Close that program and try again, or choose another callback port in the org profile.');

/** One sign-in's listener: it answers one genuine callback and then closes. */
export interface LoopbackServer {
  /** Resolves after a successful sign-in; rejects with an AppFailure (failure, timeout, cancel). */
  readonly done: Promise<void>;
  cancel(): void;
}

/**
 * The registered callback host is `localhost`, which browsers may resolve to 127.0.0.1 or ::1, so
 * both loopback addresses are bound (and nothing else: no LAN exposure, no firewall prompt).
 */
const loopbackHosts = ['127.0.0.1', '::1'] as const;

/** The org does not let this user sign in with this client (fact UNINSTALLED-APP-ACCESS). */
const CLIENT_BLOCKED = new Set(['OAUTH_APP_BLOCKED', 'OAUTH_APP_ACCESS_DENIED']);
const CLIENT_BLOCKED_FIX =
  'This org does not let you sign in with this client (an app not installed in the org, or API Access Control). An admin who can sign in sets up a sign-in app for the org (Settings, or `sign-in-app create` in the CLI) and gives you its permission set; without one, follow "Set up a sign-in app in Setup" in the README.';

/** Salesforce's refusal, as the callback carries it; null when it brought an answer to use. */
function callbackProblem(params: URLSearchParams): AppError | null {
  const refused = params.get('error');
  if (refused === null) return null;
  const detail = params.get('error_description') ?? refused;
  if (CLIENT_BLOCKED.has(refused))
    return appError('SIGN_IN_FAILED', `Salesforce refused the sign-in: ${detail}. ${CLIENT_BLOCKED_FIX}`, {
      action: 'signIn',
      params: { detail, reason: 'clientBlocked' },
    });
  return appError('SIGN_IN_FAILED', `Salesforce refused the sign-in: ${detail}`, { action: 'signIn', params: { detail } });
}

/** Salesforce answers a refused sign-in on its own page, never here (fact AUTHORIZE-ERROR-PAGE): the timeout says where to look. */
const timedOut = (): AppError =>
  appError(
    'SIGN_IN_TIMEOUT',
    'The sign-in took too long and was stopped. If your browser shows a Salesforce error page (RemoteAccessErrorPage), Salesforce refused the sign-in there: its error value names the cause. Try again when you are ready.',
    { action: 'signIn' },
  );

const noCode = (): AppError =>
  appError('SIGN_IN_FAILED', 'Salesforce answered without an authorization code. Try signing in again.', { action: 'signIn' });

export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  let handled = false; // a genuine callback arrived
  let finished = false;
  let settle: { resolve: () => void; reject: (error: AppFailure) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const servers: Server[] = [];
  const closeAll = () => servers.forEach((s) => (s.close(), s.closeAllConnections()));
  const finish = (error?: AppError) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    closeAll();
    if (error) settle?.reject(new AppFailure(error));
    else settle?.resolve();
  };

  /** `then` runs once the page is flushed, so closing the server never cuts the tab's answer off. */
  const answer = (res: ServerResponse, page: CallbackPage, then?: () => void) => {
    res.writeHead(page.status, callbackPageHeaders);
    res.end(renderCallbackPage(page), then);
  };
  const end = (res: ServerResponse, page: CallbackPage, error?: AppError) => answer(res, page, () => finish(error));

  const handleCallback = async (url: URL, res: ServerResponse) => {
    const params = url.searchParams;
    if (handled) return answer(res, failedPage('This sign-in was already completed. Return to Agent Connections.', 409));
    if (!statesMatch(options.expectedState, params.get('state'))) {
      // A forged or stale (reloaded) callback must not end the admin's genuine sign-in.
      return answer(
        res,
        failedPage('This answer does not belong to the sign-in Agent Connections started. Start the sign-in again from the app.'),
      );
    }
    handled = true;
    const code = params.get('code');
    const problem = callbackProblem(params);
    if (problem || !code) {
      const error = problem ?? noCode();
      return end(res, failedPage(error.message), error);
    }
    try {
      await options.onCode(code);
      end(res, signedInPage);
    } catch (thrown) {
      const error = toAppError(thrown);
      end(res, failedPage(error.message, 500), error);
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== options.path) return answer(res, failedPage('Not found.', 404));
    if (req.method !== 'GET') return answer(res, failedPage('Method not allowed.', 405));
    void handleCallback(url, res);
  };

  const timer = setTimeout(() => finish(timedOut()), options.timeoutMs);
  try {
    for (const host of loopbackHosts) {
      const server = createServer(onRequest);
      if (await listen(server, options.port, host)) servers.push(server);
    }
  } catch (thrown) {
    clearTimeout(timer);
    closeAll();
    if (thrown instanceof PortTaken) throw await portInUse(options.port, options.portInUseAdvice ?? defaultPortAdvice);
    throw thrown;
  }
  return {
    done,
    cancel: () => finish(appError('SIGN_IN_CANCELLED', 'The sign-in was cancelled.', { action: 'signIn' })),
  };
}

/** false when this machine has no such address (IPv6 disabled); throws when the port is taken. */
function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return resolve(false);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') return reject(new PortTaken());
      reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => resolve(true));
  });
}

class PortTaken extends Error {}

/** Names the program holding the port where the OS says, so the admin knows what to close. */
async function portInUse(port: number, advice: () => Promise<string>): Promise<AppFailure> {
  const [holder, whatToDo] = await Promise.all([findPortHolder(port), advice()]);
  const program = holder ? describePortHolder(holder) : undefined;
  return new AppFailure(
    appError(
      'CALLBACK_PORT_IN_USE',
      `Port ${port} on this computer is ${program ? `in use by ${program}` : 'already in use'}, so Salesforce's answer cannot reach Agent Connections. ${whatToDo}`,
      { action: 'retry', params: { port, ...(program && { program }) } },
    ),
  );
}
