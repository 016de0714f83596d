import bootstrap from './bootstrap';
import config from './config';
import responseCache from './middlewares/response-cache';
import register from './register';
import services from './services';

export default {
  register,
  bootstrap,
  config,
  services,
  middlewares: { 'response-cache': responseCache },
};

export type { ControlService, ResponseCacheStats } from './services/control';
export type { FingerprintService } from './services/fingerprint';
export type { HintsService, ResponseCacheHint } from './services/hints';
export type { RenderedService } from './services/rendered';
