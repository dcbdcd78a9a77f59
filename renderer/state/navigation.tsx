import { createContext, useContext } from 'react';

export const screens = ['connectors', 'activity', 'overview', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** What to open on arrival, e.g. the org profile an error is about. */
export interface NavigationTarget {
  profileId?: string;
}

export interface Navigation {
  screen: Screen;
  /** Set only by the `go` call that asked for it; the screen opens it when it mounts. */
  target?: NavigationTarget;
  go: (screen: Screen, target?: NavigationTarget) => void;
}

export const NavigationContext = createContext<Navigation>({ screen: 'connectors', go: () => undefined });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
