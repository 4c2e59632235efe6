// Reads a text/event-stream the way a browser's EventSource does (WHATWG HTML, "Parsing an
// event stream"): lines end in CRLF, LF or CR; "field: value" with one optional space; data
// lines joined with "\n"; comments and unknown fields ignored; an event fires at a blank line.
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string;
}

export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let lastId = '';
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let match: RegExpExecArray | null;
    // A lone CR at the end may be half of a CRLF: wait for more unless the stream ended.
    while ((match = /\r\n|\n|\r(?!$)/.exec(buffer)) || (done && (match = /\r/.exec(buffer)))) {
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (data.length) yield { event: event || 'message', data: data.join('\n'), id: lastId };
        data = [];
        event = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let v = colon < 0 ? '' : line.slice(colon + 1);
      if (v.startsWith(' ')) v = v.slice(1);
      if (field === 'data') data.push(v);
      else if (field === 'event') event = v;
      else if (field === 'id' && !v.includes('\0')) lastId = v;
    }
    if (done) return; // an event without its blank line is discarded, as browsers do
  }
}
