import { metrics, readiness } from '../app-runtime.ts';
import { readConfig } from '../config.ts';
import { metricsAuthorized } from '../operations/index.ts';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The endpoints of whoever runs the instance, answered before a request waits for the database:
 *   GET /health/live   the process answers (a supervisor restarts it otherwise)
 *   GET /health/ready  it can serve: started, migrations applied, database answering (a load balancer sends
 *                      traffic only then); 503 with the reason otherwise
 *   GET /metrics       Prometheus text format, with `Authorization: Bearer $MAILLAGE_METRICS_TOKEN`; 401
 *                      without it, 404 when no token is configured
 */
export async function operationalResponse(method: string, path: string, authorization: string | null): Promise<Response | null> {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (path === '/health/live') return new Response('live\n', { headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE } });
  if (path === '/health/ready') {
    const state = await readiness();
    return Response.json(state, { status: state.ready ? 200 : 503, headers: NO_STORE });
  }
  if (path === '/metrics') {
    const token = readConfig().metricsToken;
    if (!token) return new Response('metrics are off: set MAILLAGE_METRICS_TOKEN\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    if (!metricsAuthorized(authorization, token)) {
      return new Response('a bearer token is needed\n', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    return new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType, ...NO_STORE } });
  }
  return null;
}
