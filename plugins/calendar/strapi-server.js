'use strict';

// The plugin's server code is TypeScript, compiled together with the app by the root
// tsconfig.json (`npm run build`, `npm run build:server`) into dist/plugins/calendar.
module.exports = require('../../dist/plugins/calendar/server/src').default;
