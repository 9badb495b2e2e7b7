/**
 * Reads a CRX3 package the way Chromium's verifier does (components/crx_file/crx3.proto), without
 * the library that wrote it: magic "Cr24", version 3, a little-endian header length, the
 * protobuf `CrxFileHeader`, then the zip. Checks every RSA signature over the signed data.
 */
import { createPublicKey, verify } from 'node:crypto';

export interface Crx3 {
  version: number;
  /** DER SubjectPublicKeyInfo of each `sha256_with_rsa` proof, whose signature verified. */
  publicKeys: Buffer[];
  /** `SignedData.crx_id`: the first 16 bytes of the SHA-256 of the signing public key. */
  crxId: Buffer;
  zip: Buffer;
}

interface Field {
  number: number;
  /** Length-delimited fields only; varints are skipped. */
  bytes?: Buffer;
}

function readVarint(buffer: Buffer, start: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let offset = start;
  for (;;) {
    const byte = buffer[offset++];
    if (byte === undefined) throw new Error('protobuf: varint runs past the end');
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7;
    if (shift > 49) throw new Error('protobuf: varint too long');
  }
}

/** The fields of one protobuf message (wire types 0 and 2, the only ones crx3.proto uses). */
function readFields(buffer: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType === 0) {
      offset = readVarint(buffer, afterTag)[1];
      fields.push({ number });
    } else if (wireType === 2) {
      const [length, afterLength] = readVarint(buffer, afterTag);
      if (afterLength + length > buffer.length) throw new Error('protobuf: field past the end');
      fields.push({ number, bytes: buffer.subarray(afterLength, afterLength + length) });
      offset = afterLength + length;
    } else {
      throw new Error(`protobuf: unexpected wire type ${wireType}`);
    }
  }
  return fields;
}

function only(fields: Field[], number: number, what: string): Buffer {
  const found = fields.filter((field) => field.number === number && field.bytes);
  if (found.length !== 1 || !found[0]?.bytes) throw new Error(`CRX3: expected one ${what}`);
  return found[0].bytes;
}

const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'latin1');

export function parseCrx3(file: Buffer): Crx3 {
  if (file.subarray(0, 4).toString('latin1') !== 'Cr24') throw new Error('CRX3: no Cr24 magic');
  const version = file.readUInt32LE(4);
  if (version !== 3) throw new Error(`CRX3: version ${version}`);
  const headerLength = file.readUInt32LE(8);
  const header = readFields(file.subarray(12, 12 + headerLength));
  const zip = file.subarray(12 + headerLength);
  const signedHeaderData = only(header, 10000, 'signed_header_data');
  const crxId = only(readFields(signedHeaderData), 1, 'crx_id');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length);
  const signed = Buffer.concat([SIGNATURE_CONTEXT, length, signedHeaderData, zip]);
  const publicKeys = header
    .filter((field) => field.number === 2 && field.bytes)
    .map((field) => {
      const proof = readFields(field.bytes as Buffer);
      const publicKey = only(proof, 1, 'public_key');
      const signature = only(proof, 2, 'signature');
      const key = createPublicKey({ key: publicKey, format: 'der', type: 'spki' });
      if (!verify('sha256', signed, key, signature)) throw new Error('CRX3: bad RSA signature');
      return publicKey;
    });
  return { version, publicKeys, crxId, zip };
}
