// @ts-check
import { Application, ReflectionKind } from 'typedoc';

/**
 * typedoc's own validation only asks for *a* comment; the reference promises more: every export
 * of every entry point shows how it is used. A warning per export without an `@example` block
 * fails `npm run docs` (treatWarningsAsErrors).
 *
 * @param {Application} app
 */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const entry of project.children ?? []) {
      for (const exported of entry.children ?? []) {
        // A re-export of what another entry point documents (worker's defineContract) points there.
        if (exported.kindOf(ReflectionKind.Reference)) continue;
        const comments = [exported.comment, ...(exported.signatures ?? []).map((signature) => signature.comment)];
        if (comments.some((comment) => comment?.getTag('@example'))) continue;
        app.logger.warn(`${entry.name}: ${exported.name} has no @example in its comment`);
      }
    }
  });
}
