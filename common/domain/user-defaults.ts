import { z } from 'zod';
import { userFieldValuesSchema } from './org-setup';

/**
 * The integration user's time zone, locale, language and email encoding (fact USER-DEFAULTS). The
 * shapes only keep out what cannot be a Salesforce key; the org refuses a well-formed unknown one.
 */
export const timeZoneSidKeySchema = z.string().regex(/^(?:GMT|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/, 'a time zone like Europe/Stockholm');
export const localeSidKeySchema = z.string().regex(/^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8}){0,3}$/, 'a locale like sv_SE');
export const languageLocaleKeySchema = z.string().regex(/^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8}){0,2}$/, 'a language like sv or en_US');
export const emailEncodingKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{1,30}$/, 'an email encoding like UTF-8');

export const userDefaultsSchema = z.object({
  timeZone: timeZoneSidKeySchema,
  locale: localeSidKeySchema,
  language: languageLocaleKeySchema,
  emailEncoding: emailEncodingKeySchema,
});
export type UserDefaults = z.infer<typeof userDefaultsSchema>;

/** What the admin changed in the review; the rest comes from the org. */
export const userDefaultsOverrideSchema = userDefaultsSchema.partial().strict();
export type UserDefaultsOverride = z.infer<typeof userDefaultsOverrideSchema>;

/** userFields: values for the User fields the review asked for (fact USER-REQUIRED-FIELDS). */
export const enableInputSchema = z
  .object({ userDefaults: userDefaultsOverrideSchema.optional(), userFields: userFieldValuesSchema.optional() })
  .strict();
export type EnableInput = z.infer<typeof enableInputSchema>;
