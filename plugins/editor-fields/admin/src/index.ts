import { PLUGIN_ID } from './pluginId';

export default {
  register(app: { registerPlugin: (plugin: Record<string, unknown>) => void }) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
};
