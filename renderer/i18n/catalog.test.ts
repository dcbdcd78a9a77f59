import { describe, expect, it } from 'vitest';
import {
  connectionStatuses,
  environments,
  errorCodes,
  languagePreferences,
  preflightFindings,
  preflightFixes,
  runKinds,
  stepIds,
  stepNoteKeys,
  stepStates,
  themePreferences,
} from '../../common';
import en from './en.json';
import sv from './sv.json';

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [inner, text] of flatten(value, path)) keys.set(inner, text);
  }
  return keys;
}

const english = flatten(en);
const swedish = flatten(sv);
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
/** A key as code writes it: plural forms (`_one`, `_other`) are one key. */
const baseKey = (key: string) => key.replace(/_(one|other)$/, '');
const hasKey = (catalog: Map<string, string>, key: string) => [...catalog.keys()].some((k) => baseKey(k) === key);

// Every renderer module's source, read by the bundler (no Node APIs in the web project).
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('translation catalogs', () => {
  it('English and Swedish have exactly the same keys', () => {
    const onlyEnglish = [...english.keys()].filter((k) => !swedish.has(k));
    const onlySwedish = [...swedish.keys()].filter((k) => !english.has(k));
    expect({ onlyEnglish, onlySwedish }).toEqual({ onlyEnglish: [], onlySwedish: [] });
  });

  it('has no empty text, and Swedish keeps every placeholder of the English text', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(swedish.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('Swedish is translated, not copied, apart from names and formats', () => {
    // Words Swedish shares with English ("App", "Agent") and names or formats that stay as they are.
    const sameOnPurpose =
      /^(app\.name|details\.app$|settings\.agentName\.heading|connectors\.name\.|environments\.myDomain|export\.(json|csv|markdown)|signIn\.org|settings\.appearance\.languages\.(en|sv)|settings\.profile\.portHelp|overview\.status$|overview\.none$)/;
    const copied = [...english].filter(([key, text]) => swedish.get(key) === text && !sameOnPurpose.test(key)).map(([key]) => key);
    expect(copied).toEqual([]);
  });

  it('covers every value the contract can send that the screens name', () => {
    const families: [string, readonly string[]][] = [
      ['errors', errorCodes],
      ['steps', stepIds],
      ['stepStates', stepStates],
      ['run.title', runKinds],
      ['status', [...connectionStatuses, 'notSetUp']],
      ['environments', environments],
      ['settings.appearance.themes', themePreferences],
      ['settings.appearance.languages', languagePreferences],
      ['preflight.checks', preflightFindings],
      ['preflight.fixes', preflightFixes],
      ['run.notes', stepNoteKeys],
    ];
    const missing = families.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`)).filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });

  it('has every key the renderer uses', () => {
    const used = Object.entries(sources).flatMap(([file, source]) =>
      [...source.matchAll(/\bt\(\s*['`]([^'`]+)['`]/g)].map((m) => ({ file, key: m[1] ?? '' })),
    );
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ key }) => {
      if (!key.includes('${')) return !hasKey(english, key) || !hasKey(swedish, key);
      // A template key such as `steps.${id}` needs at least its fixed prefix in both catalogs.
      const prefix = key.slice(0, key.indexOf('${'));
      return ![...english.keys()].some((k) => k.startsWith(prefix)) || ![...swedish.keys()].some((k) => k.startsWith(prefix));
    });
    expect(missing).toEqual([]);
  });
});
