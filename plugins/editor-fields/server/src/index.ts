import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

/** Custom fields for editors (country, time zone, licence, local event times); see README. */
export default {
  register,
  bootstrap() {},
  controllers,
  routes,
  services,
};
