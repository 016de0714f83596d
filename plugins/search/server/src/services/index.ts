import indexer from './indexer';
import search from './search';
import store from './store';

export default { indexer, search, store };
