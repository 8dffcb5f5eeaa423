export { useWidget } from './useWidget.ts';
export type { UseWidgetOptions, UseWidgetResult, WidgetStatus } from './useWidget.ts';
