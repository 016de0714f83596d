import licences from './licences';

export default { licences };
