import pages from './pages';
import urls from './urls';

export default { pages, urls };
