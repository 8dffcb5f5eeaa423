/**
 * `<frameport-widget>`: `mountWidget` as markup. Importing this entry defines the element
 * (once, and never on a server). Script tag: `FrameportElement` (`dist/element.iife.js`).
 *
 * @module frameport/element
 */
import { FrameportWidgetElement } from './frameportWidget.ts';

export { FrameportWidgetElement } from './frameportWidget.ts';
export type { FrameportWidgetEventMap, FrameportWidgetOptions } from './frameportWidget.ts';

/**
 * The tag this entry defines: `frameport-widget`. Use it rather than the string where code
 * creates or queries the element, so a typo fails to compile.
 *
 * @example
 * ```ts
 * import { tagName } from 'frameport/element';
 *
 * const element = document.createElement(tagName);
 * element.setAttribute('src', 'https://chat.example/');
 * element.setAttribute('title', 'Chat');
 * document.body.append(element);
 * ```
 */
export const tagName = 'frameport-widget';

// Importing the entry defines the element (package.json lists it under sideEffects). Nothing
// happens on a server, and a second copy (the script-tag build next to a bundle) keeps the first.
if (typeof customElements !== 'undefined' && !customElements.get(tagName)) {
  customElements.define(tagName, FrameportWidgetElement);
}
