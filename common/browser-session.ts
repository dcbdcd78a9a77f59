/*
 * Browser mode's handshake, shared by main's web server and the renderer's web transport. The page
 * gets its session secret once, inside the page the one-time link returns, keeps it in memory only and
 * presents it on every call: a cookie would reach any other process on 127.0.0.1, whatever its port.
 */

/** Where the page served for the one-time link carries the secret (a meta element the page removes). */
export const SESSION_META_NAME = 'agent-connections-session';
/** The command the admin started browser mode with: an ended session's message names it. */
export const LAUNCH_META_NAME = 'agent-connections-launched-by';
/** The request header every API call presents the secret in. */
export const SESSION_HEADER = 'x-agent-connections-session';
/** The event socket's subprotocol; the server answers with this one, never echoing the secret. */
export const EVENTS_PROTOCOL = 'agent-connections';
/** The secret rides as a second offered subprotocol: browsers cannot set headers on a WebSocket. */
export const SESSION_PROTOCOL_PREFIX = 'agent-connections.session.';
/** The close code the server ends a socket with when its session has ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;
/** Where the page ends its own session when it goes away. */
export const SESSION_END_PATH = '/session/end';
