/**
 * `useWidget`: a widget as a React hook (React 18 or 19), safe under StrictMode. No script-tag
 * build: a hook needs the app's own React.
 *
 * @module frameport/react
 */
export { useWidget } from './useWidget.ts';
export type { UseWidgetOptions, UseWidgetResult, WidgetStatus } from './useWidget.ts';
