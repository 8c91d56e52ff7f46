import { Readable } from "node:stream";
import yauzl from "yauzl";
import type { ByteSource } from "./byte-source";

/**
 * yauzl asks for many small ranges (each entry's local header, then its
 * data). Against Cloud Storage each would be an HTTP request, so reads are
 * served from a few cached blocks: entries are laid out in order, so a
 * 300-entry archive costs about size/blockSize requests, not 600. Memory
 * stays at `blockSize * maxBlocks` whatever the archive's size.
 */
export class BlockCachedReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly source: ByteSource,
    private readonly blockSize = 32 * 1024 * 1024,
    private readonly maxBlocks = 2,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // A range bigger than a block gains nothing from the cache: stream it.
    if (end - start > this.blockSize) return this.source.stream(start, end);
    return Readable.from(this.readRange(start, end));
  }

  private async *readRange(start: number, end: number): AsyncGenerator<Buffer> {
    for (let position = start; position < end; ) {
      const index = Math.floor(position / this.blockSize);
      const blockStart = index * this.blockSize;
      const block = await this.block(index);
      const slice = block.subarray(position - blockStart, Math.min(end - blockStart, block.length));
      if (slice.length === 0) throw new Error(`read past the end of the archive at byte ${position}`);
      yield slice;
      position += slice.length;
    }
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (block) {
      // Most recently used goes last, so eviction drops the oldest.
      this.blocks.delete(index);
    } else {
      const start = index * this.blockSize;
      block = this.source.read(start, Math.min(start + this.blockSize, this.source.size));
      // A failed read must not stay cached: the next attempt should retry it.
      block.catch(() => this.blocks.delete(index));
    }
    this.blocks.set(index, block);
    while (this.blocks.size > this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value!);
    return block;
  }
}
