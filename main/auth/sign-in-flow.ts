import { OAuth2 } from 'jsforce';
import { DEFAULT_CLIENT_ID, SIGN_IN_CALLBACK_PATH, loginUrlOf, type OrgProfile } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { startLoopbackServer } from './loopback-server';
import { nextFreePort } from './port-holder';
import { newState } from './state';
import { parseTokenResponse, tokenRequestError, type TokenSet } from './tokens';

export const CALLBACK_PATH = SIGN_IN_CALLBACK_PATH;
export const SIGN_IN_SCOPES = 'api refresh_token web';
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 2 * 60_000;

/** Exactly what the sign-in client registered: Salesforce compares redirect URIs as strings (fact OAUTH-LOOPBACK-CALLBACK). */
export function redirectUriOf(profile: Pick<OrgProfile, 'callbackPort'>): string {
  return `http://localhost:${profile.callbackPort}${CALLBACK_PATH}`;
}

/** One browser sign-in in flight. */
export interface SignInAttempt {
  authorizeUrl: string;
  expiresAt: Date;
  /** Settles once `complete` accepted the tokens, or with the AppFailure that ended the attempt. */
  done: Promise<void>;
  cancel(): void;
}

export interface SignInOptions {
  timeoutMs: number;
  now: () => Date;
  /** Turns the exchanged tokens into a session; the browser tab reports success only when it resolves. */
  complete(tokens: TokenSet): Promise<void>;
}

/**
 * Authorization code + PKCE through the system browser. The verifier-bearing OAuth2 instance lives
 * only for this attempt: jsforce would send its verifier with every later token request too.
 */
export async function beginSignIn(profile: OrgProfile, options: SignInOptions): Promise<SignInAttempt> {
  const oauth2 = new OAuth2({
    loginUrl: loginUrlOf(profile),
    clientId: profile.clientId,
    redirectUri: redirectUriOf(profile),
    useVerifier: true,
  });
  const state = newState();
  const authorizeUrl = oauth2.getAuthorizationUrl({ scope: SIGN_IN_SCOPES, state, prompt: 'login', code_challenge_method: 'S256' });
  const server = await startLoopbackServer({
    port: profile.callbackPort,
    path: CALLBACK_PATH,
    expectedState: state,
    timeoutMs: options.timeoutMs,
    onCode: async (code) => options.complete(await exchange(oauth2, code)),
    portInUseAdvice: () => portInUseAdvice(profile),
  }).catch((thrown: unknown) => {
    // Names the profile, so the error's Open Settings opens the one whose port is taken.
    throw thrown instanceof AppFailure
      ? new AppFailure({ ...thrown.error, params: { ...thrown.error.params, profileId: profile.id } })
      : thrown;
  });
  return {
    authorizeUrl,
    expiresAt: new Date(options.now().getTime() + options.timeoutMs),
    done: server.done,
    cancel: () => server.cancel(),
  };
}

/**
 * Salesforce accepts only a registered callback URL, exactly. The default client's is fixed at
 * http://localhost:1717, so the only way out is freeing the port. Which URLs the admin's own client
 * lists is not something we can see before sign-in, so we never switch ports ourselves: we name a
 * free one and say what to register.
 */
async function portInUseAdvice(profile: OrgProfile): Promise<string> {
  if (profile.clientId === DEFAULT_CLIENT_ID) {
    return `The default sign-in client (${DEFAULT_CLIENT_ID}) accepts Salesforce's answer only on port ${profile.callbackPort}: close that program (for the Salesforce CLI, finish or cancel its sign-in) and try again.`;
  }
  const free = await nextFreePort(profile.callbackPort);
  return free === null
    ? 'Close that program and try again, or register another callback port on your sign-in app and set it in the org profile.'
    : `Close that program and try again, or add ${redirectUriOf({ callbackPort: free })} to your sign-in app's callback URLs and set the org profile's callback port to ${free} (free now).`;
}

async function exchange(oauth2: OAuth2, code: string): Promise<TokenSet> {
  try {
    return parseTokenResponse(await oauth2.requestToken(code));
  } catch (thrown) {
    throw new AppFailure(tokenRequestError(thrown));
  }
}
