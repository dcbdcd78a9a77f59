import { createContext, useContext } from 'react';

export const screens = ['connectors', 'activity', 'settings'] as const;
export type Screen = (typeof screens)[number];

export interface Navigation {
  screen: Screen;
  go: (screen: Screen) => void;
}

export const NavigationContext = createContext<Navigation>({ screen: 'connectors', go: () => undefined });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
