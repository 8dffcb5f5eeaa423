/**
 * The script-tag build `dist/frameport-zod.iife.js`: the `frameport` entry plus zod/mini's
 * builders as `Frameport.z` (see zodMini.ts), because zod ships no script-tag build of its own.
 * Only pages that load this file instead of `index.iife.js` pay for zod; bundled apps import zod.
 */
export * from './index.ts';
export * as z from './zodMini.ts';
