import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { i18n as I18n } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AgentConnectionsApi, AppError, Settings } from '../common';
import { ApiProvider } from './api/context';
import { useErrorText } from './components/error-text';
import { NotifyProvider } from './components/notify';
import { createI18n, resolveLanguage } from './i18n';
import { AppShell } from './shell/AppShell';
import { LiveProvider, useLiveLoad } from './state/live';
import { createAppTheme, useResolvedThemeMode } from './theme/theme';

/** The whole renderer for one API: desktop bridge, browser mode or the tests' fake. */
export function App({ api }: { api: AgentConnectionsApi }) {
  return (
    <ApiProvider api={api}>
      <Root />
    </ApiProvider>
  );
}

function Root() {
  const load = useLiveLoad();
  const [i18n] = useState(() => createI18n(resolveLanguage('system', navigator.language)));
  const settings = load.phase === 'ready' ? load.value.live.settings : null;
  const systemLocale = load.phase === 'ready' ? load.value.live.info.locale : navigator.language;
  useLanguage(i18n, settings?.language ?? 'system', systemLocale);
  const mode = useResolvedThemeMode(settings?.theme ?? 'system');
  const theme = useMemo(() => createAppTheme(mode), [mode]);

  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <NotifyProvider>
          {load.phase === 'ready' ? (
            <LiveProvider value={load.value}>
              <AppShell />
            </LiveProvider>
          ) : (
            <Starting failed={load.phase === 'failed' ? load.error : null} />
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

function Starting({ failed }: { failed: AppError | null }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  if (failed) {
    const { headline, detail } = describe(failed);
    return (
      <Box component="main" sx={{ p: 4 }}>
        <Alert severity="error">
          <AlertTitle>{headline}</AlertTitle>
          {detail}
        </Alert>
      </Box>
    );
  }
  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '50vh' }}>
      <CircularProgress aria-label={t('common.loading')} />
    </Box>
  );
}
