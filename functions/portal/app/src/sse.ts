import { ApiError } from './api';

export interface ServerEvent {
  event: string;
  data: unknown;
}

/**
 * POSTs and hands each Server-Sent Event to `onEvent` as it arrives. EventSource can't POST,
 * so the stream is read from fetch and split on blank lines as the SSE format says.
 */
export async function postForEvents(
  path: string,
  init: { body: BodyInit; contentType: string; signal?: AbortSignal },
  onEvent: (e: ServerEvent) => void,
): Promise<void> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': init.contentType, Accept: 'text/event-stream, application/problem+json' },
    body: init.body,
    signal: init.signal,
  });
  if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiError({ type: 'about:blank', title: problem.title ?? 'Request failed', status: response.status, detail: problem.detail ?? problem.title ?? 'The request failed.' }, problem);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent({ event, data: JSON.parse(data.join('\n')) });
    }
  }
}
