import { describe, expect, it } from 'vitest';
import { firstAcceptedLanguage, indexHtmlForLocale } from './renderer-index';

const built = [
  '<!doctype html><html lang="en"><head><title>Agent Connections</title></head>',
  '  <body>',
  '    <div id="root" data-prerendered="en light"><header><nav><button>Connectors</button></nav></header><main><div><h1>Connectors</h1></div></main></div>',
  '  </body>',
  '</html>',
].join('\n');

describe('indexHtmlForLocale', () => {
  it('keeps the pre-rendered screen for a locale in its language', () => {
    expect(indexHtmlForLocale(built, 'en-US')).toBe(built);
    expect(indexHtmlForLocale(built, 'de-DE')).toBe(built);
  });

  it('serves an empty root to a Swedish locale, so English never shows first', () => {
    const served = indexHtmlForLocale(built, 'sv-SE');
    expect(served).toContain('<div id="root"></div>\n  </body>');
    expect(served).not.toContain('Connectors');
    expect(served).toContain('<title>Agent Connections</title>');
  });

  it('leaves a page without a pre-rendered screen alone', () => {
    const plain = '<body><div id="root"></div></body>';
    expect(indexHtmlForLocale(plain, 'sv-SE')).toBe(plain);
  });
});

describe('firstAcceptedLanguage', () => {
  it('takes the first tag of the header', () => {
    expect(firstAcceptedLanguage('sv-SE,sv;q=0.9,en;q=0.8')).toBe('sv-SE');
    expect(firstAcceptedLanguage('en')).toBe('en');
    expect(firstAcceptedLanguage(undefined)).toBe('');
  });
});
