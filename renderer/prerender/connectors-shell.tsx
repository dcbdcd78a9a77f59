import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { AgentConnectionsApi } from '../../common';
import { operationNames } from '../../common/contract-names';
import { App } from '../App';

/**
 * The language and theme the shell is rendered in. main.tsx hydrates it only when its own first
 * render would look the same (an English system locale, a light OS theme); otherwise it renders anew.
 */
export const SHELL_LOOK = 'en light';

/** Calls that never answer: the shell is the screen as it paints before any data has arrived. */
function unansweredApi(): AgentConnectionsApi {
  const api: Record<string, unknown> = { on: () => () => undefined };
  for (const name of operationNames) api[name] = () => new Promise(() => undefined);
  return api as AgentConnectionsApi;
}

/**
 * The Connectors screen's first render as HTML, made at build time (electron.vite.config.ts puts it
 * into index.html), so the window shows the screen before its scripts have even been parsed.
 */
export function renderConnectorsShell(): string {
  return renderToString(
    <StrictMode>
      <App api={unansweredApi()} locale="en" />
    </StrictMode>,
  );
}
