export const PLUGIN_ID = 'scheduler';
