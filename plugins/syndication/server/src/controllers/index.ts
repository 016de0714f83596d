import deliveries from './deliveries';
import feeds from './feeds';
import inbox from './inbox';
import partners from './partners';
import received from './received';
import references from './references';
import websubCallback from './websub-callback';
import websub from './websub';

export default { deliveries, feeds, inbox, partners, received, references, websub, 'websub-callback': websubCallback };
