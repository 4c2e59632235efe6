import type { Context } from 'hono';
import { authOf, clientIp, type AppEnv } from '@dyocense/core';
import { XLSX_TYPE } from '../read/upload';
import type { ImportActor } from '../run';


/** The upload body as OpenAPI shows it; a plain schema, so nothing validates (and buffers) the body. */
export const uploadContent = {
  'text/csv': { schema: { type: 'string' as const, description: 'The CSV file as the body (UTF-8; delimiter , ; tab or | detected).' } },
  [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary', description: 'The XLSX workbook as the body.' } },
  'multipart/form-data': {
    schema: {
      type: 'object' as const,
      required: ['file'],
      properties: {
        mapping: { type: 'string' as const, description: 'ImportMappingOverride as JSON. Must come before the file part.' },
        sheet: { type: 'string' as const, description: 'XLSX: the worksheet to read. Must come before the file part.' },
        file: { type: 'string' as const, format: 'binary', description: 'The CSV or XLSX file.' },
      },
    },
  },
};

export const actorOf = (c: Context<AppEnv>): ImportActor => {
  const auth = authOf(c);
  return { db: c.get('runtime').db, tenantId: auth.tenantId, userId: auth.userId, ip: clientIp(c), log: c.get('log') };
};
