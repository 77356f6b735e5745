import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Lambda handlers of functions/, loaded the way Lambda would: by file, on
 * first use. Production code never imports this module.
 */
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const cache = new Map<string, Promise<Handler | undefined>>();

export function functionFile(name: string): string {
  return fileURLToPath(new URL(`../../functions/${name}.ts`, import.meta.url));
}

export function loadFunction(name: string): Promise<Handler | undefined> {
  let loaded = cache.get(name);
  if (!loaded) {
    const file = functionFile(name);
    loaded = existsSync(file)
      ? import(/* @vite-ignore */ new URL(`../../functions/${name}.ts`, import.meta.url).href).then((m) => m.handler as Handler)
      : Promise.resolve(undefined);
    cache.set(name, loaded);
  }
  return loaded;
}
