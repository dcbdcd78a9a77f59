import { createContext, useContext, type ReactNode } from 'react';
import type { AgentConnectionsApi } from '../../common';

const ApiContext = createContext<AgentConnectionsApi | null>(null);

/** The renderer's one seam to main: screens reach the contract only through `useApi()`. */
export function ApiProvider({ api, children }: { api: AgentConnectionsApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): AgentConnectionsApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
