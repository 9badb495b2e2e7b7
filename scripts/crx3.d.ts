/** The part of crx3 (1.x, no types of its own) that scripts/package.ts uses. */
declare module 'crx3' {
  import type { Readable } from 'node:stream';

  interface Crx3Options {
    /** The private key (PEM). crx3 writes a new key there when the file is missing. */
    keyPath: string;
    crxPath: string;
  }

  /** Signs the zip that `zip` streams into a CRX3 at `crxPath`. */
  export default function crx3(zip: Readable, options: Crx3Options): Promise<unknown>;
}
