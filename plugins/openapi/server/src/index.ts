import controllers from './controllers';
import routes from './routes';
import services from './services';

export default {
  register() {},
  bootstrap() {},
  config: { default: {}, validator() {} },
  controllers,
  routes,
  services,
  contentTypes: {},
  policies: {},
  middlewares: {},
};
