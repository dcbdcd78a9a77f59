import { createTheme, type Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Settings } from '../../common';

export type PaletteMode = 'light' | 'dark';

/** "system" follows the OS through `prefers-color-scheme`, and changes with it while the app runs. */
export function useResolvedThemeMode(preference: Settings['theme']): PaletteMode {
  const osPrefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  if (preference !== 'system') return preference;
  return osPrefersDark ? 'dark' : 'light';
}

export function createAppTheme(mode: PaletteMode): Theme {
  return createTheme({
    // contrastThreshold 4.5: text on coloured chips and buttons meets WCAG AA, not only 3:1.
    palette: { mode, contrastThreshold: 4.5, primary: { main: mode === 'dark' ? '#7cb7ff' : '#0b5cad' } },
    shape: { borderRadius: 8 },
    // Sentence case reads calmer than MUI's all-caps buttons and tabs.
    typography: { button: { textTransform: 'none', fontWeight: 600 } },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
    },
  });
}
