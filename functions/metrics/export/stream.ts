// Turn a lazy source of text (or bytes) into a pull-driven web stream: nothing is produced
// until the consumer asks, and cancelling the response closes the source (e.g. a DB cursor).

const BATCH_BYTES = 64 * 1024;

export function textStream(source: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= source[Symbol.asyncIterator]();
      // Rows are tiny; batch them so the consumer sees ~64 KB chunks, not one per row.
      let batch = '';
      while (batch.length < BATCH_BYTES) {
        const next = await iterator.next();
        if (next.done) {
          if (batch) controller.enqueue(encoder.encode(batch));
          controller.close();
          return;
        }
        batch += next.value;
      }
      controller.enqueue(encoder.encode(batch));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

export function byteStream(source: AsyncIterable<Uint8Array>, onCancel: () => void): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= source[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      // Copy into a plain Uint8Array: Node Buffers may share one pooled ArrayBuffer.
      else controller.enqueue(new Uint8Array(next.value));
    },
    async cancel() {
      onCancel();
      await iterator?.return?.();
    },
  });
}

// A stream whose source is created on first read. Used to load the XLSX writer (and exceljs,
// which needs Node streams) only when an XLSX is asked for, so CSV and JSON never depend on it.
export function lazyStream(open: () => Promise<ReadableStream<Uint8Array>>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (await open()).getReader();
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}
