import type { ConnectionStatus, HealthNotice, Settings } from '../../../common';
import { resolveLanguage } from '../../../common/language';

/** The desktop notification's words; the renderer has its own for the browser banner (i18n healthNotice). */
const texts = {
  en: {
    title: (n: HealthNotice) => `${n.profile}: ${statusWord.en[n.to]}`,
    body: (n: HealthNotice) =>
      `The scheduled check found ${n.orgName} ${statusWord.en[n.to]} (it was ${statusWord.en[n.from]}). Open Agent Connections for details.`,
  },
  sv: {
    title: (n: HealthNotice) => `${n.profile}: ${statusWord.sv[n.to]}`,
    body: (n: HealthNotice) =>
      `Den schemalagda kontrollen fann ${n.orgName} ${statusWord.sv[n.to]} (tidigare ${statusWord.sv[n.from]}). Öppna Agent Connections för detaljer.`,
  },
};

const statusWord: Record<'en' | 'sv', Record<ConnectionStatus, string>> = {
  en: {
    off: 'off',
    running: 'running',
    connected: 'connected',
    drift: 'drifted',
    error: 'broken',
    interrupted: 'interrupted',
    waiting: 'waiting for Salesforce',
  },
  sv: {
    off: 'avstängd',
    running: 'pågår',
    connected: 'ansluten',
    drift: 'avviker',
    error: 'trasig',
    interrupted: 'avbruten',
    waiting: 'väntar på Salesforce',
  },
};

export function healthNoticeText(notice: HealthNotice, language: Settings['language'], locale: string): { title: string; body: string } {
  const t = texts[resolveLanguage(language, locale)];
  return { title: t.title(notice), body: t.body(notice) };
}
