/**
 * @peculiar/x509 registers its algorithms with tsyringe, which refuses to load without the
 * `reflect-metadata` API. Its classes take no constructor parameters, so the three calls tsyringe
 * makes only need somewhere to keep values: a WeakMap per target. Installed only when missing.
 */
type MetadataTarget = object;
const store = new WeakMap<MetadataTarget, Map<unknown, unknown>>();

interface ReflectMetadata {
  defineMetadata(key: unknown, value: unknown, target: MetadataTarget): void;
  getOwnMetadata(key: unknown, target: MetadataTarget): unknown;
  getMetadata(key: unknown, target: MetadataTarget): unknown;
}

const reflect = Reflect as typeof Reflect & Partial<ReflectMetadata>;
if (!reflect.getMetadata) {
  const own = (key: unknown, target: MetadataTarget): unknown => store.get(target)?.get(key);
  Object.assign(reflect, {
    defineMetadata(key: unknown, value: unknown, target: MetadataTarget) {
      const map = store.get(target) ?? new Map<unknown, unknown>();
      map.set(key, value);
      store.set(target, map);
    },
    getOwnMetadata: own,
    getMetadata(key: unknown, target: MetadataTarget): unknown {
      for (let t: MetadataTarget | null = target; t; t = Object.getPrototypeOf(t) as MetadataTarget | null) {
        const value = own(key, t);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  } satisfies ReflectMetadata);
}
