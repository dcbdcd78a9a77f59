import { z } from 'zod';
import { accessProfileSchema, defaultAccessProfile, type AccessProfile } from '../../common';
import type { DocumentStoreFactory } from '../store/document-store';

const profileDocument = z.object({ version: z.literal(1), profile: accessProfileSchema });

/** The agent access profile the admin keeps (objects, fields, opt-ins), persisted across runs. */
export interface AccessProfileStore {
  get(): AccessProfile;
  set(profile: AccessProfile): void;
}

export function createAccessProfileStore(stores: DocumentStoreFactory): AccessProfileStore {
  const document = stores('agent-access-profile', {
    defaults: { version: 1 as const, profile: defaultAccessProfile },
    parse: (raw) => profileDocument.parse(raw),
  });
  return {
    get: () => document.read().profile,
    set: (profile) => document.write({ version: 1, profile: accessProfileSchema.parse(profile) }),
  };
}
