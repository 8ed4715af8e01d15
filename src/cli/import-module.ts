// A JavaScript configuration file's module, imported. Alone in a module of its own, loaded when a configuration
// needs it, so that the bundle puts this import() in a file of its own: the command's compile cache never takes a
// file that calls import(), which code compiled from the cache cannot do on Node 20 (src/run/compile-cache.ts).

export async function importModule(url: string): Promise<unknown> {
  return import(url);
}
