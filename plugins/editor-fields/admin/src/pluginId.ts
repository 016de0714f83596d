export const PLUGIN_ID = 'editor-fields';
