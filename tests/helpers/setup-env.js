'use strict';

// Strapi loads a .env file when it is first required; point it at an empty one so that a
// developer's local settings (say DATABASE_CLIENT=postgres) never change what tests run on.
process.env.ENV_PATH = require('path').join(__dirname, 'test.env');
