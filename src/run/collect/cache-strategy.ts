// How `--cache` decides that a file is unchanged (issue 14), as data the flags and the configuration both check.

/** `content`: its bytes hash the same (survives a fresh checkout); `metadata`: its size and time are the same. */
export const CACHE_STRATEGIES = ['content', 'metadata'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];
/** Content, so that a cache restored on a fresh checkout still hits. */
export const DEFAULT_CACHE_STRATEGY: CacheStrategy = 'content';
