package io.dataplatform.lakehouse.write;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/** Compresses Parquet pages with one codec. Not thread-safe: one per file being written. */
abstract class PageCompressor implements AutoCloseable {
  /** The Thrift {@code CompressionCodec} of the codec. */
  final int codecId;

  private PageCompressor(int codecId) {
    this.codecId = codecId;
  }

  /** The compressor of {@code codec}, if pages can be compressed with it here. */
  static Optional<PageCompressor> of(ParquetCompression.Codec codec) {
    return switch (codec.name()) {
      case "uncompressed" -> Optional.of(new Uncompressed());
      case "snappy" -> Optional.of(new SnappyPages());
      case "zstd" -> Optional.of(new ZstdPages(codec.level()));
      default -> Optional.empty();
    };
  }

  /** Appends the compressed form of {@code source}'s content to {@code target}. */
  abstract void compress(ByteSink source, ByteSink target);

  @Override
  public void close() {}

  private static final class Uncompressed extends PageCompressor {
    Uncompressed() {
      super(0);
    }

    @Override
    void compress(ByteSink source, ByteSink target) {
      target.write(source.array(), 0, source.size());
    }
  }

  private static final class SnappyPages extends PageCompressor {
    SnappyPages() {
      super(1);
    }

    @Override
    void compress(ByteSink source, ByteSink target) {
      target.reserve(Snappy.maxCompressedLength(source.size()));
      try {
        int written =
            Snappy.compress(source.array(), 0, source.size(), target.array(), target.size());
        target.skip(written);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot compress a Parquet page with snappy", e);
      }
    }
  }

  private static final class ZstdPages extends PageCompressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();

    ZstdPages(int level) {
      super(6);
      context.setLevel(level);
    }

    @Override
    void compress(ByteSink source, ByteSink target) {
      int bound = (int) Zstd.compressBound(source.size());
      target.reserve(bound);
      int written =
          context.compressByteArray(
              target.array(), target.size(), bound, source.array(), 0, source.size());
      target.skip(written);
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
