/**
 * The CRC-32 of `a` followed by `b`, from the CRC-32 of each and the length of `b` (zlib's
 * `crc32_combine`, which Node does not expose): the CSV's header is known only after its rows
 * were compressed, and the ZIP needs the CRC of the whole.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  // The operator for one zero bit, then squared into the operators for 2, 4, 8… zero bits.
  let odd = new Uint32Array(32);
  let even = new Uint32Array(32);
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd); // two zero bits
  square(odd, even); // four zero bits
  let crc = crcA >>> 0;
  let length = lengthB;
  // Apply the operator for each set bit of the length in bytes (starting at eight zero bits).
  do {
    square(even, odd);
    if (length % 2) crc = times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    [odd, even] = [even, odd];
  } while (length);
  return (crc ^ crcB) >>> 0;
}

function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0, v = vector >>> 0; v; i++, v >>>= 1) if (v & 1) sum ^= matrix[i] as number;
  return sum >>> 0;
}

function square(into: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) into[n] = times(matrix, matrix[n] as number);
}
