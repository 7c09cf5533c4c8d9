import { fail, ok, type Result } from '../../../protocol/result.ts';
import type { LiveStart } from './liveFeed.ts';

const WHOLE = /^(0|[1-9][0-9]{0,14})$/;
const STREAM = /^[A-Za-z0-9._-]{1,64}$/;

/** Reads `?since=N&stream=S` of a live-feed URL; a bad value is refused naming the parameter. */
export function parseLiveQuery(url: string): Result<LiveStart> {
  const params = new URL(url, 'http://localhost').searchParams;
  const since = params.get('since');
  const stream = params.get('stream');
  if (since !== null && !WHOLE.test(since)) {
    return fail('BAD_REQUEST', `since: expected a whole number of at least 0, got ${JSON.stringify(since.slice(0, 40))}`, 'query.since');
  }
  if (stream !== null && !STREAM.test(stream)) {
    return fail('BAD_REQUEST', `stream: expected the stream name a snapshot gave (letters, digits, . _ -), got ${JSON.stringify(stream.slice(0, 40))}`, 'query.stream');
  }
  if (stream !== null && since === null) return fail('BAD_REQUEST', 'stream: given without since', 'query.stream');
  return ok({
    ...(since === null ? {} : { since: Number(since) }),
    ...(stream === null ? {} : { stream }),
  });
}
