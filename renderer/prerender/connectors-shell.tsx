import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { AgentConnectionsApi } from '../../common';
import { operationNames } from '../../common/contract-names';
import { App } from '../App';

/**
 * The language and theme the shell is rendered in (the "system" theme on a light OS). Main serves it
 * only to an admin working in English without a saved dark theme; main.tsx hydrates it only when its
 * own first render would look the same, and renders anew otherwise.
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
      <App api={unansweredApi()} look={{ language: 'en', theme: 'system' }} />
    </StrictMode>,
  );
}
