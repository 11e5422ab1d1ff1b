import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Config } from '../config';
import { AppError } from './errors';

/**
 * Uploaded files, content-addressed: the bytes are stored once under DATA_DIR/files/<aa>/<bb>/<sha256>, so the
 * same photo attached twice takes its space once and a stored file never changes under its name.
 * Rows that reference a file keep its hash; deleting a row leaves the bytes (another row may share them).
 */
export interface FileStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  open(sha256: string): Promise<ReadStream>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export function fileStoreFor(config: Pick<Config, 'DATA_DIR'>): FileStore {
  const root = resolve(config.DATA_DIR, 'files');
  const pathOf = (sha256: string) => {
    if (!sha256Pattern.test(sha256)) throw new AppError('not_found', '文件不存在');
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(join(path, '..'), { recursive: true });
        // Written aside and renamed into place, so a reader never sees a half-written file under its hash.
        const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
        await writeFile(temporary, bytes);
        await rename(temporary, path).catch(async (error: unknown) => {
          await unlink(temporary).catch(() => undefined);
          throw error;
        });
      }
      return { sha256, size: bytes.length };
    },
    async open(sha256) {
      const path = pathOf(sha256);
      await stat(path).catch(() => {
        throw new AppError('not_found', '附件文件已丢失，请联系管理员');
      });
      return createReadStream(path);
    },
  };
}

/** The content type the bytes really are, from their first bytes; a declared type is never trusted alone. */
export function sniffType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'application/pdf' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}
