'use strict';

// Built by `npm run build` (tsc -b plugins/scheduler/server) into dist/server.
module.exports = require('./dist/server').default;
