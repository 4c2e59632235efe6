import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type ImportResult, type Preview, type Source, importFile, listSources, previewFile, setPaused, syncSource } from '../connect';
import { LoadState } from '../components/LoadState';
import { formatDay, formatNumber } from '../format';
import { useLoad } from '../load';

/** Getting numbers in: a spreadsheet upload with a preview of how it will be read, and the connected accounts. */
export function DataPage() {
  return (
    <>
      <ImportPanel />
      <SourcesPanel />
    </>
  );
}

type Upload =
  | { state: 'idle' }
  | { state: 'previewing'; file: File }
  | { state: 'previewed'; file: File; preview: Preview }
  | { state: 'importing'; file: File; preview: Preview; rowsRead: number }
  | { state: 'done'; result: ImportResult }
  | { state: 'failed'; message: string; errorsUrl?: string | null };

function ImportPanel() {
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ state: 'previewing', file });
    try {
      setUpload({ state: 'previewed', file, preview: await previewFile(file) });
    } catch (error) {
      setUpload({ state: 'failed', message: messageOf(error) });
    }
  };

  const start = async (file: File, preview: Preview) => {
    setUpload({ state: 'importing', file, preview, rowsRead: 0 });
    try {
      await importFile(file, (e) => {
        if (e.event === 'progress') setUpload({ state: 'importing', file, preview, rowsRead: e.data.rowsRead });
        else if (e.event === 'completed') setUpload({ state: 'done', result: e.data });
        else if (e.event === 'failed') setUpload({ state: 'failed', message: e.data.problem.detail ?? e.data.problem.title, errorsUrl: e.data.import?.errorsUrl });
      });
    } catch (error) {
      setUpload({ state: 'failed', message: messageOf(error) });
    }
  };

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import a spreadsheet</h2>
      <p class="muted">A CSV or Excel file with a date column and one column per number (or a metric and a value column). Nothing is written unless every row is good.</p>
      <label class="file">
        Choose a file
        <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => void choose(e.currentTarget.files?.[0])} disabled={upload.state === 'importing'} />
      </label>
      {upload.state === 'previewing' && (
        <p class="muted" role="status">
          Reading the first rows of {upload.file.name}…
        </p>
      )}
      {(upload.state === 'previewed' || upload.state === 'importing') && (
        <PreviewView preview={upload.preview} busy={upload.state === 'importing'} onImport={() => void start(upload.file, upload.preview)} />
      )}
      {upload.state === 'importing' && (
        <p role="status">
          Imported {formatNumber(upload.rowsRead)} rows so far…
        </p>
      )}
      {upload.state === 'done' && (
        <p role="status" class="pill pill--good import-done">
          Imported {formatNumber(upload.result.rowsRead)} rows: {formatNumber(upload.result.pointsWritten)} numbers in {upload.result.series} series
          {upload.result.from && upload.result.to && `, ${formatDay(upload.result.from)} to ${formatDay(upload.result.to)}`}.
        </p>
      )}
      {upload.state === 'failed' && (
        <div role="alert" class="form-alert">
          <p>{upload.message}</p>
          {upload.errorsUrl && (
            <p>
              <a href={upload.errorsUrl}>Download the list of rows to fix</a>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewView({ preview, busy, onImport }: { preview: Preview; busy: boolean; onImport: () => void }) {
  return (
    <div class="answer">
      <h3>How {preview.fileName} will be read</h3>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Looks like</th>
            <th scope="col">Becomes</th>
            <th scope="col">Examples</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td>
                {c.type}
                {c.dateAmbiguous && ' (day/month order is a guess)'}
              </td>
              <td>{c.proposed}</td>
              <td>{c.samples.slice(0, 3).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.warnings.length > 0 && (
        <ul class="notes">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {preview.problems.length > 0 ? (
        <div class="form-alert" role="alert">
          <p>This file can't be imported as it is:</p>
          <ul class="notes">
            {preview.problems.map((p) => (
              <li key={p.path}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div class="form-actions">
          <button type="button" class="button button--primary" onClick={onImport} disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      )}
    </div>
  );
}

function SourcesPanel() {
  const [sources, reload] = useLoad(listSources, []);
  const [message, setMessage] = useState('');
  const act = async (action: () => Promise<unknown>, done: string) => {
    setMessage('');
    try {
      await action();
      setMessage(done);
      reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <section class="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Connected accounts</h2>
      <LoadState loaded={sources} onRetry={reload} what="your connected accounts">
        {(list) =>
          list.length === 0 ? (
            <p class="muted">Nothing connected yet.</p>
          ) : (
            <ul class="goal-list">
              {list.map((s) => (
                <SourceRow key={s.id} source={s} onSync={() => void act(() => syncSource(s.id), `Sync of ${s.name} started.`)} onPause={(p) => void act(() => setPaused(s.id, p), p ? `${s.name} paused.` : `${s.name} resumed.`)} />
              ))}
            </ul>
          )
        }
      </LoadState>
      <p role="status" class="muted" hidden={!message}>
        {message}
      </p>
      <form
        class="form-grid"
        action="/api/connect/shopify/install"
        method="get"
        aria-label="Connect a Shopify shop"
      >
        <label>
          Shopify shop
          <input name="shop" required placeholder="your-shop.myshopify.com" pattern="[a-z0-9][a-z0-9-]*\.myshopify\.com" />
        </label>
        <div class="form-actions">
          <button type="submit" class="button">
            Connect Shopify
          </button>
          <a class="button" href="/api/connect/quickbooks/connect">
            Connect QuickBooks
          </a>
        </div>
      </form>
    </section>
  );
}

function SourceRow({ source, onSync, onPause }: { source: Source; onSync: () => void; onPause: (pause: boolean) => void }) {
  const paused = source.status === 'paused';
  return (
    <li class="idea">
      <div>
        <p class="idea__title">
          {source.name} <span class="muted">({source.type})</span>
        </p>
        <p class="muted">
          {source.status === 'needs_reauth' ? 'Needs to be connected again' : source.status}
          {source.lastSyncAt && ` · last synced ${formatDay(source.lastSyncAt)}`}
          {source.lastError && ` · ${source.lastError}`}
        </p>
      </div>
      <div class="form-actions">
        {(source.type === 'shopify' || source.type === 'quickbooks') && !paused && (
          <button type="button" class="button" onClick={onSync}>
            Sync now
          </button>
        )}
        <button type="button" class="button" onClick={() => onPause(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
    </li>
  );
}
