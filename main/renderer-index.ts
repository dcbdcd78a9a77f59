import { resolveLanguage } from '../common/language';

/** The root as the build leaves it: the last element of the body, holding the pre-rendered screen. */
const PRERENDERED_ROOT = /<div id="root" data-prerendered="([^"]*)">[\s\S]*<\/div>(\s*<\/body>)/;

/**
 * The built index.html shows the Connectors screen pre-rendered in one language
 * (`data-prerendered="<language> <theme>"`, see renderer/prerender). Where the OS locale asks for
 * another language, the renderer would replace it at once: serving the page without it spares the
 * admin a glimpse of the wrong language.
 */
export function indexHtmlForLocale(html: string, systemLocale: string): string {
  const match = PRERENDERED_ROOT.exec(html);
  if (!match) return html;
  const shellLanguage = match[1]?.split(' ')[0];
  if (shellLanguage === resolveLanguage('system', systemLocale)) return html;
  return html.replace(PRERENDERED_ROOT, '<div id="root"></div>$2');
}

/** The first language of an Accept-Language header ("sv-SE,sv;q=0.9,en;q=0.8" -> "sv-SE"). */
export function firstAcceptedLanguage(header: string | undefined): string {
  return header?.split(',')[0]?.split(';')[0]?.trim() ?? '';
}
