import feeds from './feeds';

export default { feeds };
