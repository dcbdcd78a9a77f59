import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n as I18n } from 'i18next';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { AgentConnectionsApi, AppError, Settings } from '../common';
import { ApiProvider } from './api/context';
import { useErrorText } from './components/error-text';
import { NotifyProvider } from './components/notify';
import { ReviewProvider } from './components/review';
import { resolveLanguage, type FirstLook } from '../common/language';
import { createI18n } from './i18n';
import { AppShell } from './shell/AppShell';
import { createLiveStore, LiveProvider, type LiveStore } from './state/live';
import { createAppTheme, useResolvedThemeMode } from './theme/theme';

/**
 * The whole renderer for one API: desktop bridge, browser mode or the tests' fake. `live` is the
 * store main.tsx started before rendering; without one, the app starts its own.
 */
export function App({ api, live, look }: { api: AgentConnectionsApi; live?: LiveStore; look?: FirstLook }) {
  const [store] = useState(() => live ?? createLiveStore(api));
  return (
    <ApiProvider api={api}>
      <Root store={store} look={look ?? { language: resolveLanguage('system', navigator.language), theme: 'system' }} />
    </ApiProvider>
  );
}

function Root({ store, look }: { store: LiveStore; look: FirstLook }) {
  // While hydrating the pre-rendered shell, React asks for the state it was rendered with: `initial`.
  const load = useSyncExternalStore(store.subscribe, store.snapshot, store.initial);
  const [i18n] = useState(() => createI18n(look.language));
  const settings = load.phase === 'ready' ? load.value.live.settings : null;
  const systemLocale = load.phase === 'ready' ? load.value.live.info.locale : navigator.language;
  useLanguage(i18n, settings?.language ?? look.language, systemLocale);
  const mode = useResolvedThemeMode(settings?.theme ?? look.theme);
  const theme = useMemo(() => createAppTheme(mode), [mode]);

  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <NotifyProvider>
          {load.phase === 'failed' ? (
            <StartFailed error={load.error} />
          ) : (
            // The shell paints at once; the parts that show live data fill in when it arrives.
            <LiveProvider value={load.phase === 'ready' ? load.value : null}>
              <ReviewProvider>
                <AppShell />
              </ReviewProvider>
            </LiveProvider>
          )}
        </NotifyProvider>
      </ThemeProvider>
    </I18nextProvider>
  );
}

/** Keeps i18next and `<html lang>` on the language the settings (or the OS) ask for. */
function useLanguage(i18n: I18n, preference: Settings['language'], systemLocale: string) {
  const language = resolveLanguage(preference, systemLocale);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
}

function StartFailed({ error }: { error: AppError }) {
  const describe = useErrorText();
  const { headline, detail } = describe(error);
  return (
    <Box component="main" sx={{ p: 4 }}>
      <Alert severity="error">
        <AlertTitle>{headline}</AlertTitle>
        {detail}
      </Alert>
    </Box>
  );
}
