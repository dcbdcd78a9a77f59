import type { Handlers } from '../common';
import { resolveLanguage, type FirstLook } from '../common/language';

/** The saved language (for "system", main's locale, as `app.info` tells the renderer) and theme. */
export async function firstLookOf(handlers: Pick<Handlers, 'settings.get' | 'app.info'>): Promise<FirstLook> {
  const [settings, info] = await Promise.all([handlers['settings.get']({}), handlers['app.info']({})]);
  return { language: resolveLanguage(settings.language, info.locale), theme: settings.theme };
}

/** The root as the build leaves it: the last element of the body, holding the pre-rendered screen. */
const PRERENDERED_ROOT = /<div id="root" data-prerendered="([^"]*)">[\s\S]*<\/div>(\s*<\/body>)/;

/**
 * index.html as served: `<html>` names the saved language and theme, so the renderer's first render
 * is already in them (renderer/main.tsx), and the pre-rendered Connectors screen (renderer/prerender,
 * `data-prerendered="<language> <theme>"`) stays only where it looks the same: otherwise the admin
 * would glimpse another language or theme before the renderer replaced it. With the "system" theme
 * the shell stays; on a dark OS a media query in index.html hides it instead.
 */
export function indexHtmlFor(html: string, look: FirstLook): string {
  const marked = html.replace(
    /<html lang="[^"]*"/,
    `<html lang="${look.language}" data-language="${look.language}" data-theme="${look.theme}"`,
  );
  const match = PRERENDERED_ROOT.exec(marked);
  if (!match) return marked;
  const [shellLanguage, shellTheme] = (match[1] ?? '').split(' ');
  const fits = shellLanguage === look.language && (look.theme === 'system' || look.theme === shellTheme);
  return fits ? marked : marked.replace(PRERENDERED_ROOT, '<div id="root"></div>$2');
}
