// The auth function deployed alone on Cloudflare Workers (wrangler env "auth").
import { createEdgeWorker } from '@dyocense/core/edge';
import auth from './index';

export default createEdgeWorker([{ name: 'auth', app: auth }]);
